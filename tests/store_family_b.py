"""A second test family for the mentions store (not part of the product): ``tests/store_family.py`` under the
``designation`` family, logging its articles with a ``b:`` prefix."""

from tests import store_family

FAMILY = "designation"


def extract(text, *, topic=None, language=None, document=None):
    return store_family.extract(text, tag="b:")


json_record = store_family.json_record
