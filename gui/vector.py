"""SVG and PDF of a figure: its QGraphicsScene painted through Qt's own QSvgGenerator and QPdfWriter.

pyqtgraph 0.14's SVGExporter fails on Qt ≥ 6.11 (pyqtgraph#3485); Qt's paint devices need no help from it. Curves,
level curves, axes and markers become paths, text stays text (SVG <text>, PDF text objects with embedded fonts);
the colour map is an embedded image, as in any plotting library.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from engine import PlaygroundError, atomic_write_bytes

from .export import ExportOptions, check_width, settle
from .i18n import translate

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
_PAIR = re.compile(r"(-?[0-9.]+(?:[eE][-+]?[0-9]+)?),(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)")
_MATRIX = re.compile(r"matrix\(([^)]*)\)")


class _PlainText(QtWidgets.QGraphicsItem):
    """Stands in for a pg.TextItem's QGraphicsTextItem while a vector file is painted: the same text, font, colour
    and box, drawn with drawText. QGraphicsTextItem clips the painter to its box, and Qt's SVG engine carries that
    clip over to the items painted after it: the level-curve labels hid every trajectory of the map."""

    def __init__(self, src: QtWidgets.QGraphicsTextItem):
        super().__init__(src.parentItem())
        self.src = src
        self.setPos(src.pos())
        self.setTransform(src.transform())
        self.setZValue(src.zValue())

    def boundingRect(self) -> QtCore.QRectF:
        return self.src.boundingRect()

    def paint(self, painter: QtGui.QPainter, *_args) -> None:
        painter.setFont(self.src.font())
        painter.setPen(self.src.defaultTextColor())
        painter.drawText(self.boundingRect(), QtCore.Qt.AlignCenter, self.src.toPlainText())


def _paint(win: pg.GraphicsLayoutWidget, painter: QtGui.QPainter, target: QtCore.QRectF,
           options: ExportOptions) -> None:
    if options.background == "white":
        painter.fillRect(target, QtGui.QColor("white"))
    painter.setRenderHint(QtGui.QPainter.Antialiasing, True)
    painter.setRenderHint(QtGui.QPainter.TextAntialiasing, True)
    # In export mode pyqtgraph draws each scatter symbol (markers, the start, the minima) as a path, not as a
    # fragment of its cached symbol pixmap, which an SVG would hold as one embedded image per point.
    items = [i for i in win.scene().items() if hasattr(i, "setExportMode")]
    mode = {"antialias": True, "background": None, "painter": painter, "resolutionScale": 1.0}
    for item in items:
        item.setExportMode(True, mode)
    # Items painted from a pixmap cache (the loss view's axes, gui/plots.py cache_axes) would reach the file as
    # bitmaps: paint them afresh.
    cached = [(i, i.cacheMode()) for i in win.scene().items() if i.cacheMode() != QtWidgets.QGraphicsItem.NoCache]
    for item, _mode in cached:
        item.setCacheMode(QtWidgets.QGraphicsItem.NoCache)
    texts = [i.textItem for i in win.scene().items() if isinstance(i, pg.TextItem) and i.isVisible()]
    plain = [_PlainText(t) for t in texts]
    for t in texts:
        t.hide()
    try:
        win.scene().render(painter, target, QtCore.QRectF(0, 0, win.width(), win.height()))
    finally:
        for item in items:
            item.setExportMode(False)
        for item, cache in cached:
            item.setCacheMode(cache)
        for t, stand_in in zip(texts, plain):
            t.show()
            win.scene().removeItem(stand_in)


def _size(win: pg.GraphicsLayoutWidget, width: int) -> QtCore.QSize:
    return QtCore.QSize(int(width), max(1, round(int(width) * win.height() / win.width())))


def render_svg(win: pg.GraphicsLayoutWidget, width: int, options: ExportOptions = ExportOptions(),
               title: str = "") -> bytes:
    """The figure as an SVG document ``width`` user units wide (its height follows the figure's shape)."""
    check_width(width, what="SVG")
    settle(win)
    size = _size(win, width)
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.WriteOnly)
    gen = QtSvg.QSvgGenerator(QtSvg.QSvgGenerator.SvgVersion.Svg11)  # 1.1 writes clip paths; Tiny 1.2 has none
    gen.setOutputDevice(buf)
    gen.setSize(size)
    gen.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), size))
    # The axes replay their QPictures, which scale text positions by the ratio of the recording and playing
    # resolutions: play them at the figure's own (Qt's SVG default is 72 dpi, which squeezed the tick labels).
    gen.setResolution(win.logicalDpiX())
    gen.setTitle(title or "Optimizer Playground")
    gen.setDescription(translate("Vector", "Exported by Optimizer Playground"))
    painter = QtGui.QPainter()
    if not painter.begin(gen):
        raise PlaygroundError("could not start the SVG document")
    try:
        _paint(win, painter, QtCore.QRectF(0, 0, size.width(), size.height()), options)
    finally:
        painter.end()
    data = bytes(buf.data())
    if not data:
        raise PlaygroundError("could not render the SVG document")
    return bake_strokes(data)


def _matrix(text: str) -> tuple[float, ...] | None:
    m = _MATRIX.fullmatch(text.strip())
    if m is None:
        return None
    values = tuple(float(v) for v in m.group(1).replace(",", " ").split())
    return values if len(values) == 6 else None


def bake_strokes(svg: bytes) -> bytes:
    """Move the scaling of each group of cosmetic-pen shapes into their coordinates.

    Qt writes a curve in its data units inside ``<g transform="matrix(…)">`` and keeps its 1-2 px pen with
    ``vector-effect="non-scaling-stroke"``, which browsers honour but SVG 1.1 renderers (librsvg, many editors) do
    not: there the pen was scaled with the data, 40× wide. With the points mapped through the matrix (the shapes'
    clip paths sit on an enclosing group, in document units) the stroke is plain SVG 1.1."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    shapes = {f"{{{SVG_NS}}}{t}" for t in ("polyline", "polygon", "path", "rect")}
    for g in root.iter(f"{{{SVG_NS}}}g"):
        kids = list(g)
        m = _matrix(g.get("transform", ""))
        if m is None or not kids or not all(k.tag in shapes and k.get("vector-effect") == "non-scaling-stroke"
                                            for k in kids):
            continue
        a, b, c, d, e, f = m

        def pair(match, a=a, b=b, c=c, d=d, e=e, f=f):
            x, y = float(match.group(1)), float(match.group(2))
            return f"{a * x + c * y + e:.6g},{b * x + d * y + f:.6g}"

        for k in kids:
            if k.tag.endswith("rect"):
                x, y = float(k.get("x", 0)), float(k.get("y", 0))
                w, h = float(k.get("width", 0)), float(k.get("height", 0))
                for attr in ("x", "y", "width", "height"):
                    k.attrib.pop(attr, None)
                k.tag = f"{{{SVG_NS}}}polygon"
                k.set("points", f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}")
            attr = "d" if k.tag.endswith("path") else "points"
            k.set(attr, _PAIR.sub(pair, k.get(attr, "")))
            del k.attrib["vector-effect"]
        del g.attrib["transform"]
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8")


def render_pdf(win: pg.GraphicsLayoutWidget, width: int, options: ExportOptions = ExportOptions(),
               title: str = "") -> bytes:
    """The figure as a one-page PDF whose page is the figure: ``width`` pixels at the screen's logical resolution
    (96 dpi: a 1600-px figure is a page 16.7 inches wide), no margins."""
    check_width(width, what="PDF")
    settle(win)
    size = _size(win, width)
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.WriteOnly)
    writer = QtGui.QPdfWriter(buf)
    dpi = win.logicalDpiX()  # as for SVG: the axes' QPictures play back at the resolution they were recorded at
    writer.setResolution(dpi)
    writer.setTitle(title or "Optimizer Playground")
    writer.setCreator("Optimizer Playground")
    page = QtGui.QPageSize(QtCore.QSizeF(size.width() * 72 / dpi, size.height() * 72 / dpi),
                           QtGui.QPageSize.Point, "figure", QtGui.QPageSize.ExactMatch)
    writer.setPageLayout(QtGui.QPageLayout(page, QtGui.QPageLayout.Portrait, QtCore.QMarginsF(0, 0, 0, 0)))
    painter = QtGui.QPainter()
    if not painter.begin(writer):
        raise PlaygroundError("could not start the PDF document")
    try:
        # the device's own pixel size at its resolution: the figure fills the page exactly
        _paint(win, painter, QtCore.QRectF(0, 0, writer.width(), writer.height()), options)
    finally:
        painter.end()
    data = bytes(buf.data())
    if not data.startswith(b"%PDF"):
        raise PlaygroundError("could not render the PDF document")
    return data


def write_vector(win: pg.GraphicsLayoutWidget, path: str, width: int, fmt: str,
                 options: ExportOptions = ExportOptions(), title: str = "") -> None:
    """Write ``win`` as ``fmt`` ("svg" or "pdf") to ``path`` (atomically: an earlier file survives a failure)."""
    render = {"svg": render_svg, "pdf": render_pdf}.get(fmt)
    if render is None:
        raise PlaygroundError(f"unknown vector format {fmt!r} (choose from svg, pdf)")
    atomic_write_bytes(path, render(win, width, options, title))


def write_scene_vector(scene, session, snap, path: str, width: int = 1600, fmt: str = "svg",
                       layout: str = "single") -> None:
    """``main.py --headless --svg/--pdf``: the picture of ``--png`` as a vector file."""
    from .export import dispose, figure_title, headless_figure

    fig = headless_figure(scene, session, snap, layout=layout)
    try:
        write_vector(fig.win, path, width, fmt, title=figure_title(session.objective, snap, scene.title))
    finally:
        dispose(fig)
