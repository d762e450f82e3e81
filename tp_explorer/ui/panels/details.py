"""Details of what is selected: a site (chain, study card, e-stim adjunct), a muscle, a skin area.

Everything from regions.yaml is shown as plain text (never rich text), and links are offered as
buttons that ask the controller to open them, which only opens https addresses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tp_explorer.knowledge.skin_areas import FINE_AREA_IDS, MIDLINE, fine_area
from tp_explorer.ui.chart_text import UNLABELLED, referring_line
from tp_explorer.ui.panels.chain import GROUPS, plain_tooltip
from tp_explorer.ui.panels.point_cards import PointCard, WrapButton, add_point_cards, mark_shown
from tp_explorer.ui.panels.text_block import Section, TextBlock
from tp_explorer.ui.patient_text import (
    PRECAUTION_HEADING,
    PRECAUTION_INTRO,
    RED_FLAG_HEADING,
    needled_note,
    precaution_line,
    red_flag_line,
)

if TYPE_CHECKING:
    from tp_explorer.knowledge import ChainLink, Muscle, RedFlag, ReferringPoint, Site, Study
    from tp_explorer.knowledge.precautions import PatientPrecaution

URGENCY_WORDS = {
    "emergency": "emergency care now",
    "same_day": "a doctor the same day",
    "soon": "a doctor soon",
    "before_treatment": "examine before needling",
}


def area_name(area: str) -> str:
    return area.replace("_", " ")


def area_title(area: str, side: str) -> str:
    """A clicked area in words: the fine area's label (or a group's name) and its side."""
    words = fine_area(area).label if area in FINE_AREA_IDS else area_name(area)
    where = "midline" if side == MIDLINE else side
    return f"{words[:1].upper()}{words[1:]} ({where})"


def citation_text(study: Study) -> str:
    c = getattr(study, "citation", None)
    if c is None:
        return str(getattr(study, "id", ""))
    authors = ", ".join(c.authors)
    where = c.journal
    if c.volume:
        where += f" {c.volume}"
        if c.issue:
            where += f"({c.issue})"
    if c.pages:
        where += f":{c.pages}"
    text = f"{authors} ({c.year}). {c.title}. {where}."
    if c.doi:
        text += f" doi:{c.doi}"
    return text


def doi_url(study: Study) -> str | None:
    c = getattr(study, "citation", None)
    doi = getattr(c, "doi", None)
    return f"https://doi.org/{doi}" if doi else None


class TitleLabel(QLabel):
    """The panel's heading: bold and a quarter larger than the panel's text (the panel sets it
    again when the window's text size changes: a font set once keeps its size)."""

    SCALE = 1.25

    def __init__(self, text: str, base: QFont) -> None:
        super().__init__()
        self.setObjectName("detailsTitle")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.scale_from(base)

    def scale_from(self, base: QFont) -> None:
        font = QFont(base)
        font.setBold(True)
        font.setPointSizeF(base.pointSizeF() * self.SCALE)
        self.setFont(font)


class DetailsPanel(QScrollArea):
    """One scrollable column of plain-text sections; rebuilt for each thing shown.

    Each run of paragraphs is one TextBlock (a read-only document), headed by a Section;
    buttons sit between them. ``text()`` gives every word shown, in order."""

    linkRequested = Signal(str)
    siteRequested = Signal(str)
    muscleRequested = Signal(str)
    pointRequested = Signal(str, str)  # (muscle, trigger point): focus that point
    pointToggled = Signal(str, str)  # a point card's button: show it alone, or all again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details")
        self.setAccessibleName("Details")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.kind = "none"
        self._body: QWidget | None = None
        self._layout: QVBoxLayout | None = None
        # Muscle meshes the active anatomy drew rather than segmented (set by the window).
        self.drawn: frozenset[str] = frozenset()
        self.anatomy_name = ""
        self.point_cards: list[PointCard] = []  # the focused muscle's trigger points
        self.show_nothing()

    # ---- building blocks
    def _begin(self, kind: str) -> QVBoxLayout:
        self.kind = kind
        self.point_cards = []
        body = QWidget()
        body.setObjectName("detailsBody")
        layout = QVBoxLayout(body)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)
        self._body = body
        self._layout = layout
        return layout

    def _title(self, layout: QVBoxLayout, text: str) -> QLabel:
        """The heading of what is shown: larger, bold, selectable plain text."""
        label = TitleLabel(text, self.font())
        layout.addWidget(label)
        return label

    @staticmethod
    def _label(layout: QVBoxLayout, text: str, *, indent: bool = False) -> TextBlock:
        """A paragraph of plain text: added to the text block that ends ``layout``, or to a
        new one after a section or a button (one document per run of text, not a widget per
        line: see text_block.py)."""
        last = layout.itemAt(layout.count() - 1) if layout.count() else None
        block = last.widget() if last is not None else None
        if not isinstance(block, TextBlock):
            block = TextBlock()
            layout.addWidget(block)
        block.add(text, indent=indent)
        return block

    @staticmethod
    def _section(layout: QVBoxLayout, heading: str, name: str = "") -> QVBoxLayout:
        """A framed section under ``heading``; returns the layout its contents go in."""
        section = Section(heading)
        if name:
            section.setObjectName(name)
        layout.addWidget(section)
        return section.body

    def _point_button(self, layout: QVBoxLayout, hit: ReferringPoint) -> WrapButton:
        """A ranked point that focuses its muscle and itself when pressed."""
        button = WrapButton(referring_line(hit))
        button.setAutoDefault(False)
        muscle, point = hit.muscle.id, hit.point.id
        button.clicked.connect(lambda: self.pointRequested.emit(muscle, point))
        layout.addWidget(button)
        return button

    def _button(
        self, layout: QVBoxLayout, text: str, signal: SignalInstance, value: str
    ) -> QPushButton:
        button = WrapButton(text)  # plain words that wrap: a long name never widens the panel
        button.setAutoDefault(False)
        button.clicked.connect(lambda: signal.emit(value))
        layout.addWidget(button)
        return button

    def text(self) -> str:
        """All text shown, for tests and screen readers' sake."""
        if self._body is None:
            return ""
        parts = []
        for widget in self._body.findChildren(QWidget):
            if isinstance(widget, (TextBlock, QLabel)):
                parts.append(widget.text())
            elif isinstance(widget, QPushButton) and widget.text():
                parts.append(widget.text())  # a WrapButton's words are in its QLabel
        return "\n".join(parts)

    def buttons(self) -> list[QPushButton]:
        return self._body.findChildren(QPushButton) if self._body else []

    # ---- what can be shown
    def show_nothing(self) -> None:
        layout = self._begin("none")
        self._title(layout, "Pick a pain site")
        self._label(
            layout,
            "Choose a pain site on the left, search for a condition or muscle, or click the "
            "body: a click on the skin lists the muscles that refer pain there.\n\n"
            "This is an education tool, not a diagnosis.",
        )

    def show_site(
        self,
        site: Site,
        links: tuple[ChainLink, ...],
        precautions: tuple[PatientPrecaution, ...] = (),
    ) -> None:
        """The site's card: red flags, then the patient precautions (both before anything about
        treatment), conditions, explanation, chain, study and adjunct."""
        layout = self._begin("site")
        self._title(layout, site.name)
        flags = getattr(site, "red_flags", ())
        if flags:
            self._red_flags(layout, site, flags)
        if precautions:
            self._precautions(layout, precautions)
        conditions = ", ".join(c.name for c in getattr(site, "conditions", ()))
        if conditions:
            self._label(layout, f"Conditions: {conditions}")
        if getattr(site, "explanation", ""):
            self._label(layout, site.explanation)
        for role, heading in GROUPS:
            members = [link for link in links if link.role == role]
            if not members:
                continue
            inner = self._section(layout, heading)
            for link in members:
                needled = needled_note(link)
                extra = f" ({needled[:1].upper()}{needled[1:]}.)" if needled else ""
                self._label(inner, f"{link.muscle.name} — {link.reason}{extra}")
        study = getattr(site, "study", None)
        if study is not None:
            self._study_card(layout, study, getattr(site, "study_note", ""))
        estim = getattr(site, "estim", None)
        if estim is not None:
            inner = self._section(layout, "Electrical stimulation adjunct")
            self._label(inner, estim.note)
            for s in getattr(estim, "studies", ()):
                self._label(inner, citation_text(s))
        self._label(layout, "Education tool, not a diagnosis.")

    def _red_flags(self, layout: QVBoxLayout, site: Site, flags: tuple[RedFlag, ...]) -> None:
        """The red flags, first and above the chain: sign and action, then urgency and source."""
        inner = self._section(layout, RED_FLAG_HEADING, "redFlags")
        names = {c.id: c.name for c in getattr(site, "conditions", ())}
        self._label(inner, "Screen for these before needling; if one applies, refer first.")
        for flag in flags:
            self._label(inner, red_flag_line(flag))
            detail = URGENCY_WORDS.get(flag.urgency, flag.urgency)
            if getattr(flag, "conditions", ()):
                detail += "; matters most for " + ", ".join(
                    names.get(c, c) for c in flag.conditions
                )
            self._label(inner, f"({detail}. Source: {flag.source})", indent=True)

    def _precautions(self, layout: QVBoxLayout, precautions: tuple[PatientPrecaution, ...]) -> None:
        """Who must not be needled or stimulated, each with its source, before the chain."""
        inner = self._section(layout, PRECAUTION_HEADING, "precautions")
        self._label(inner, PRECAUTION_INTRO)
        for precaution in precautions:
            self._label(inner, precaution_line(precaution))
            self._label(inner, f"(Source: {precaution.source})", indent=True)

    def _study_card(self, layout: QVBoxLayout, study: Study, note: str) -> None:
        inner = self._section(layout, "The study behind it", "studyCard")
        self._label(inner, citation_text(study))
        fields = (
            ("Design", "design"),
            ("Population", "population"),
            ("Compared", "comparison"),
            ("Result", "main_result"),
            ("Follow-up", "follow_up"),
            ("Evidence level", "evidence_level"),
            ("What the article claims", "article_use"),
            ("What the study found", "actual_finding"),
            ("Errors in the article's citation", "article_citation_errors"),
        )
        size = getattr(study, "sample_size", None)
        if size:
            self._label(inner, f"Size: {size} {getattr(study, 'sample_unit', '')}".strip())
        for heading, attr in fields:
            value = getattr(study, attr, "")
            if value:
                self._label(inner, f"{heading}: {value}")
        unverified = getattr(study, "unverified", ())
        if unverified:
            words = ["the list of muscles needled" if u == "needled" else u for u in unverified]
            self._label(inner, "Not verified: " + ", ".join(words))
        if note:
            self._label(inner, note)
        url = doi_url(study)
        if url:
            button = self._button(inner, "Open the DOI in the browser", self.linkRequested, url)
            button.setObjectName("doiButton")
            button.setToolTip(plain_tooltip(url))

    def show_muscle(self, muscle: Muscle, point: str | None = None) -> None:
        """The muscle, each of its trigger points with its own chart (``point``: the one whose
        pattern alone is shown), its zones together, complaints and precautions."""
        layout = self._begin("muscle")
        self._title(layout, muscle.name)
        if muscle.synonyms:
            self._label(layout, "Also called: " + ", ".join(muscle.synonyms))
        inner = self._section(layout, "Trigger points and where each refers pain", "pointCharts")
        self._label(inner, "Choose a point to paint its pattern alone. " + UNLABELLED)

        def toggled(point_id: str) -> None:
            self.pointToggled.emit(muscle.id, point_id)

        self.point_cards = add_point_cards(inner, muscle, point, toggled)
        inner = self._section(layout, "Referral zones of all its points together")
        self._label(
            inner,
            "Essential (solid): " + (", ".join(map(area_name, muscle.essential)) or "none named"),
        )
        self._label(
            inner,
            "Spillover (striped): " + (", ".join(map(area_name, muscle.spillover)) or "none named"),
        )
        if getattr(muscle, "zone_note", ""):
            self._label(inner, muscle.zone_note)
        if muscle.complaints:
            inner = self._section(layout, "Complaints")
            for text in muscle.complaints:
                self._label(inner, f"• {text}")
        if muscle.precautions:
            inner = self._section(layout, "Needling precautions")
            for text in muscle.precautions:
                self._label(inner, f"• {text}")
        if getattr(muscle, "sources", ""):
            self._label(layout, f"Sources: {muscle.sources}")
        drawn = [m for m in getattr(muscle, "meshes", ()) if m in self.drawn]
        if drawn:
            self._label(
                layout,
                f"Drawn, not segmented: {self.anatomy_name or 'the anatomy'} has no mesh of "
                f"this muscle, so its shape here is drawn between its attachments on the "
                f"model's bones.",
            )
        self._label(layout, "Education tool, not a diagnosis.")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._body is not None:
            for title in self._body.findChildren(TitleLabel):
                title.scale_from(self.font())

    def mark_point(self, point: str | None) -> None:
        """Show which of the muscle's trigger points is painted alone, without a rebuild (the
        panel keeps where it was scrolled to)."""
        mark_shown(self.point_cards, point)

    def show_needle(self, text: str) -> None:
        """The needle view's depth and distances, at the top of the muscle shown (its first
        line is a heading; every number is in this model)."""
        if self.kind != "muscle" or self._layout is None or self._body is None:
            return
        for old in self._body.findChildren(Section, "needleSection"):
            old.setParent(None)
            old.deleteLater()
        head, _, rest = text.partition("\n")
        section = Section(head)
        section.setObjectName("needleSection")
        self._label(section.body, rest)
        self._layout.insertWidget(1, section)

    def show_area(
        self, area: str, side: str, points: tuple[ReferringPoint, ...], sites: tuple[Site, ...]
    ) -> None:
        """A clicked skin area: the trigger points that refer pain there, ranked as the
        knowledge ranks them (essential zone first, then by how many sources report it)."""
        layout = self._begin("area")
        self._title(layout, area_title(area, side))
        if area in FINE_AREA_IDS and fine_area(area).group != area:
            self._label(layout, f"Part of: {area_name(fine_area(area).group)}")
        inner = self._section(layout, "Trigger points that refer pain here", "referringPoints")
        if not points:
            self._label(inner, "No trigger point in the knowledge file refers pain to this area.")
        else:
            self._label(inner, "Essential zones first, then by how many sources report them.")
        for hit in points:
            button = self._point_button(inner, hit)
            button.setObjectName(f"referring_{hit.muscle.id}.{hit.point.id}")
        if sites:
            inner = self._section(layout, "Matching pain site")
            for site in sites:
                self._button(inner, f"Show the {site.name} site", self.siteRequested, site.id)
