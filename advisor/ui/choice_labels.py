"""What the app shows for values a design file holds as ids: the palette's names of the kinds ("Data centre", where
the Inspector's list read "datacenter"), the per-call calculator's words for cRTP ("off", where it read "0"), protocols
and features as a network engineer writes them ("SRST", "MGCP fallback", "SCCP"), ciphers and SRTP suites by their
standard names. The tables live in `advisor.choice_words`, whose words the analysis' conventions and the PDF use too;
they are re-exported here under the names the app imports. The file keeps the ids."""

from __future__ import annotations

from advisor.choice_words import (  # noqa: F401 - re-exported: the app's names
    CHOICE_LABELS,
    CIPHERS,
    INTEGRITY,
    SRTP,
    SURVIVABILITY,
    codec_label,
    shown,
)
