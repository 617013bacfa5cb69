"""The ministry's prose bulletins, read into figures (Kazakh, Russian, English).

- `reader`: `extract(text) -> Extraction`, sentence by sentence and clause by clause;
- `model`: what an extraction holds (figures, evacuations, plans, totals, what was set aside);
- `lang`: words, places and cue words; `numbers`: numbers and dates; `roles`: what a number or a
  place is in its sentence; `moves`: evacuations and plans;
- `statements`: plans and region-wide totals kept in `bulletin_statements`;
- `score`: `python -m etl.bulletin.score`, the extractor measured on hand-written bulletins.

The input kind that loads a bulletin file is etl/kinds/bulletin.py.
"""
from etl.bulletin.model import Evacuation, Extraction
from etl.bulletin.reader import extract

__all__ = ["Evacuation", "Extraction", "extract"]
