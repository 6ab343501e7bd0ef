"""DEP-UNREACHABLE: a remote site left unconnected in a drawn WAN reaches no call processing."""

from advisor.analysis import analyse
from advisor.model import Design


def design(links: list[dict]) -> Design:
    return Design.model_validate({
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True},
                  {"id": "b1", "name": "Celje", "users": 20, "survivability": "srst", "srst_capacity": 50},
                  {"id": "b2", "name": "Maribor", "users": 20, "survivability": "srst", "srst_capacity": 50}],
        "clouds": [{"id": "m", "kind": "mpls", "name": "MPLS"}],
        "links": links,
    })


def codes(d: Design) -> dict[str, tuple[str, ...]]:
    return {f.code: f.subjects for f in analyse(d).findings}


def test_fires_for_the_site_left_unconnected():
    found = codes(design([{"id": "l0", "a": "hq", "b": "m"}, {"id": "l1", "a": "b1", "b": "m"}]))
    assert found["DEP-UNREACHABLE"] == ("b2",)
    [f] = [f for f in analyse(design([{"id": "l0", "a": "hq", "b": "m"}])).findings if f.code == "DEP-UNREACHABLE"]
    assert f.subjects == ("b1", "b2") and "Celje" in f.message and f.severity == "warning"


def test_silent_when_every_site_is_connected_or_no_wan_is_drawn():
    connected = [{"id": "l0", "a": "hq", "b": "m"}, {"id": "l1", "a": "b1", "b": "m"}, {"id": "l2", "a": "b2",
                                                                                       "b": "b1"}]
    assert "DEP-UNREACHABLE" not in codes(design(connected))
    assert "DEP-UNREACHABLE" not in codes(design([]))


def test_a_connected_island_without_call_processing_still_fires():
    island = [{"id": "l0", "a": "hq", "b": "m"}, {"id": "l1", "a": "b1", "b": "b2"}]
    assert codes(design(island))["DEP-UNREACHABLE"] == ("b1", "b2")


def test_each_cloud_is_a_network_of_its_own():
    # b1 is only on the Internet cloud, hq and b2 on the MPLS cloud: no site joins the two, so b1 reaches no call
    # processing (the routing sends nothing between the clouds either)
    two_clouds = Design.model_validate({
        **design([]).model_dump(),
        "clouds": [{"id": "m", "kind": "mpls"}, {"id": "i", "kind": "internet"}],
        "links": [{"id": "l0", "a": "hq", "b": "m"}, {"id": "l1", "a": "b1", "b": "i"}, {"id": "l2", "a": "b2",
                                                                                        "b": "m"}],
    })
    assert codes(two_clouds)["DEP-UNREACHABLE"] == ("b1",)
