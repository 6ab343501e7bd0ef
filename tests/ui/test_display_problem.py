"""A display that names no server is said in words, before Qt aborts the process (exit 134) with its plugin lines:
DISPLAY=:99 with no X server there, a forwarded display whose port is closed, a Wayland socket that is gone."""

from __future__ import annotations

import socket
import subprocess
import sys

from advisor.ui.display import display_problem


def _free_display_number() -> int:
    """A TCP display number (port 6000 + n) nothing listens on: a port the system just handed out, closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return port - 6000


def test_an_x_display_with_no_server_is_explained(tmp_path):
    problem = display_problem({"DISPLAY": ":99"}, "linux", x11_dir=str(tmp_path))
    assert problem.startswith("cannot reach the display: no server answers at DISPLAY ':99'")
    assert "xvfb-run" in problem and "\n" not in problem


def test_an_x_display_over_tcp_answers_or_is_explained():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        number = server.getsockname()[1] - 6000
        assert display_problem({"DISPLAY": f"127.0.0.1:{number}.0"}, "linux") == ""
    closed = _free_display_number()
    assert "DISPLAY '127.0.0.1:" in display_problem({"DISPLAY": f"127.0.0.1:{closed}"}, "linux")


def test_wayland_is_reached_by_its_socket_in_the_runtime_folder(tmp_path):
    env = {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert "WAYLAND_DISPLAY 'wayland-9'" in display_problem(env, "linux", x11_dir=str(tmp_path))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "wayland-9"))
        server.listen(1)
        assert display_problem(env, "linux", x11_dir=str(tmp_path)) == ""
    # neither answers: both named, Wayland first (the one Qt tries first)
    both = display_problem(env | {"DISPLAY": ":98"}, "linux", x11_dir=str(tmp_path))
    assert "WAYLAND_DISPLAY 'wayland-9' nor at DISPLAY ':98'" in both


def test_forms_not_known_here_are_left_to_qt(tmp_path):
    for value in ("weird", ":x", "/private/tmp/com.apple.launchd.x/org.xquartz:0", "host:99999"):
        assert display_problem({"DISPLAY": value}, "linux", x11_dir=str(tmp_path)) == "", value


def test_the_command_says_it_in_one_line_and_exits_2(tmp_path):
    """`advisor gui` with DISPLAY=:99 and nothing there aborted with exit 134; now one line, exit 2."""
    env = {"DISPLAY": ":99", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    with socket.socket(socket.AF_UNIX) as probe:
        if probe.connect_ex("/tmp/.X11-unix/X99") == 0:  # a real X server on :99 here: nothing to show
            return
    done = subprocess.run([sys.executable, "-m", "advisor", "gui"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("advisor: error: cannot reach the display")
