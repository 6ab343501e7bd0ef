"""Drawing the topology views onto the page: reportlab's PDF renderer with a short path for plain shapes, writing
the same operators in the same order (hence the same PDF bytes) at a fraction of the cost; groups and anything
unusual go through reportlab's own code."""

from __future__ import annotations

from reportlab.graphics import shapes as rl_shapes
from reportlab.graphics.renderbase import _expandUserNode, renderScaledDrawing
from reportlab.graphics.renderPDF import _PDFRenderer
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.validators import DerivedValue
from reportlab.pdfgen import textobject

from advisor.report.textops import line_ops, lines_at

# The renderer's method for each class, in the order of reportlab's dispatch (drawNodeDispatcher): None where the
# node takes reportlab's own path (user nodes, groups, images, polylines, wedges, anything else).
_DISPATCH = ((rl_shapes.UserNode, None), (rl_shapes.Line, _PDFRenderer.drawLine),
             (rl_shapes.Path, _PDFRenderer.drawPath), (rl_shapes.String, _PDFRenderer.drawString),
             (rl_shapes.Group, None), (rl_shapes.Rect, _PDFRenderer.drawRect), (rl_shapes.Image, None),
             (rl_shapes.Circle, _PDFRenderer.drawCircle), (rl_shapes.Ellipse, _PDFRenderer.drawEllipse),
             (rl_shapes.PolyLine, None), (rl_shapes.Polygon, _PDFRenderer.drawPolygon))
_METHOD: dict[type, object] = {}
_SPECIAL = frozenset({"transform", "_drawTimeCallback", "_canvas"})


class View(Drawing):
    """A Drawing drawn by the renderer below (otherwise reportlab's Drawing.draw)."""

    def draw(self, showBoundary=rl_shapes._unset_):  # noqa: N803 - reportlab's name
        if showBoundary is rl_shapes._unset_:
            showBoundary = getattr(self, "_showBoundary", rl_shapes._unset_)  # noqa: N806
        Renderer().draw(renderScaledDrawing(self), self.canv, 0, 0, showBoundary=showBoundary)


class Renderer(_PDFRenderer):
    """reportlab's PDF renderer with a short path for a group's plain shapes (a class it knows, no children,
    derived values, transform or clip path).

    A 1,000-site topology has some 7,000 shapes. For each, reportlab copies its whole graphics state onto a stack,
    lists every property, looks for derived values and user nodes, and undoes it all afterwards, although a shape
    without children needs only its state changes (inside the save and restore around it) and its drawing. The
    operators of a set of state changes (a view has a handful: site, label box, link) are worked out once per set
    of values (the same objects) and written again for every shape that has them; a label's text is written
    through advisor.report.textops."""

    def __init__(self):
        super().__init__()
        self._states: dict[tuple, tuple] = {}  # (class, property names, ids of values) -> (values, operators)

    def drawGroup(self, group):  # noqa: N802 - reportlab's name
        canvas = self._canvas
        for anode in group.getContents():
            draw = _method(type(anode))
            delta = _plain_delta(anode) if draw is not None else None
            if delta is None:
                self._draw_node(group, anode, canvas)
            elif draw is _PDFRenderer.drawString:
                if not self._label(anode, delta, canvas):
                    self._plain(anode, delta, draw, canvas)
            elif canvas._extgstate._d:  # transparency or overprint set around it: reportlab's way
                self._plain(anode, delta, draw, canvas)
            else:
                self._shape(anode, delta, draw, canvas)

    def _plain(self, node, delta: dict, draw, canvas) -> None:
        """drawNode for a plain shape: save, its state changes, its drawing, restore."""
        canvas.saveState()
        self.applyStateChanges(delta, {})
        if draw is _PDFRenderer.drawString:  # it reads the tracked state (the text anchor)
            self._tracker.push(delta)
            draw(self, node)
            self._tracker.pop()
        else:
            draw(self, node)
        canvas.restoreState()

    def _state_ops(self, node, delta: dict, canvas) -> tuple[str, ...]:
        """The operators applyStateChanges writes for these state changes inside a fresh save (no transparency or
        overprint around it: checked by the caller), and the renderer's fill and stroke switches set as it does."""
        key = (type(node), *delta, *map(id, delta.values()))
        found = self._states.get(key)
        if found is None:
            code = canvas._code
            canvas.saveState()
            start = len(code)
            self.applyStateChanges(delta, {})
            found = self._states[key] = (tuple(delta.values()), tuple(code[start:]))  # values kept: ids stay theirs
            del code[start - 1:]
            canvas.restoreState()
            del code[start - 1:]  # the "q" and "Q" of the trial; the caller writes its own
        if "fillColor" in delta:
            self._fill = 0 if delta["fillColor"] is None else 1
        if "strokeColor" in delta:
            self._stroke = 0 if delta["strokeColor"] is None else 1
        return found[1]

    def _shape(self, node, delta: dict, draw, canvas) -> None:
        """A shape drawn inside its save and restore, with its state operators remembered; its drawing reads no
        state of the canvas but the fill rule, set as its state changes set it."""
        code = canvas._code
        ops = self._state_ops(node, delta, canvas)
        code.append("q")
        code.extend(ops)
        fill_mode = canvas._fillMode
        if "fillMode" in delta:
            canvas._fillMode = delta["fillMode"]
        draw(self, node)
        canvas._fillMode = fill_mode
        code.append("Q")

    def _label(self, node, delta: dict, canvas) -> bool:
        """A String in a TrueType font anchored at its start, drawn as _PDFRenderer.drawString draws it; False
        (nothing written) when it is not one."""
        font_name, size = delta.get("fontName"), delta.get("fontSize")
        if (font_name is None or size is None or not node.text or canvas._extgstate._d
                or delta.get("textAnchor", self._tracker.getState()["textAnchor"]) not in ("start", "inherited")
                or getattr(node, "textRenderMode", 0) or delta.get("fillColor") is None
                or not canvas.bottomup or textobject.rtlSupport):
            return False
        lines = lines_at(canvas, font_name, size, size * 1.2)  # setFont's leading
        if lines is None:
            return False
        code = canvas._code
        ops = self._state_ops(node, delta, canvas)
        code.append("q")
        code.extend(ops)
        code.append(f"BT 1 0 0 1 {fp_str(node.x, node.y)} Tm {line_ops(canvas, lines, node.text)[0]}")
        code.append("Q")
        return True

    def _draw_node(self, group, anode, canvas) -> None:
        """One child as reportlab's Renderer.drawGroup draws it."""
        node = _expandUserNode(anode, canvas)
        if not node:
            return
        self.fillDerivedValues(node)
        ocanvas = hasattr(node, "_canvas")
        try:
            if not ocanvas:
                node._canvas = canvas
            if node is not anode:
                anode._parent = group
                node._parent = anode
            else:
                node._parent = group
            self.drawNode(node)
        finally:
            if node is not anode:
                del anode._parent
            del node._parent
            if not ocanvas:
                del node._canvas


def _method(cls: type):
    """The renderer's drawing method for a plain shape of this class, or None."""
    if cls not in _METHOD:
        _METHOD[cls] = next((draw for base, draw in _DISPATCH if issubclass(cls, base)), None)
    return _METHOD[cls]


def _plain_delta(node) -> dict | None:
    """The state changes reportlab's getStateDelta gives a plain shape (its properties that are graphics state, in
    its own order), or None when it must take reportlab's path: a derived value, a transform, a clip path, a
    drawing-time callback, a node already bound to a canvas."""
    delta = {}
    for key, value in node.__dict__.items():
        if key in _SPECIAL or isinstance(value, DerivedValue) or (key == "isClipPath" and value):
            return None
        if key in STATE_DEFAULTS:
            delta[key] = value
    return delta
