"""Tweet ids (Snowflake ids): the one encoder and the one decoder of the book.

Since November 2010 a tweet id's bits above the lowest 22 count the milliseconds since
:data:`TWITTER_EPOCH_MS`; the lowest 22 bits tell machines and tweets of one millisecond apart.
An id alone therefore tells when its tweet was posted, to the millisecond, so data sets that may
share only ids (such as the COVID-19 government tweet ids) can still be read as time series.
The chapters' simulators give their fictional tweets ids of the same kind.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from govsocial.schema import DataError

__all__ = ["TWITTER_EPOCH_MS", "snowflake_ids", "tweet_id_to_datetime"]

TWITTER_EPOCH_MS = 1_288_834_974_657  # 2010-11-04 01:42:54.657 UTC
_LOW_BITS = 22
_MAX_ID = np.iinfo(np.int64).max


def snowflake_ids(created_at: pd.Series | pd.DatetimeIndex | np.ndarray) -> np.ndarray:
    """Encode creation times as tweet ids, the rows' order in the lowest 22 bits.

    Parameters
    ----------
    created_at : Series, DatetimeIndex or array
        UTC timestamps (timezone-aware or naive UTC), or integer milliseconds since 1970;
        at or after :data:`TWITTER_EPOCH_MS`.

    Returns
    -------
    ndarray of int64
        One id per row, unique for up to 4,194,304 rows, decoding back to the row's time
        (to the millisecond).

    Examples
    --------
    >>> times = pd.Series(pd.to_datetime(["2012-06-08 06:22:06.661"], utc=True))
    >>> ids = snowflake_ids(times)
    >>> tweet_id_to_datetime(ids).iloc[0]
    Timestamp('2012-06-08 06:22:06.661000+0000', tz='UTC')
    """
    values = np.asarray(created_at)
    if values.dtype.kind in "iu":
        ms = values.astype(np.int64)
    else:
        stamps = pd.DatetimeIndex(pd.to_datetime(np.asarray(created_at), utc=True))
        ms = stamps.as_unit("ms").asi8
    sequence = np.arange(len(ms), dtype=np.int64) & ((1 << _LOW_BITS) - 1)
    return ((ms - TWITTER_EPOCH_MS) << _LOW_BITS) | sequence


def tweet_id_to_datetime(tweet_ids: Iterable[str | int]) -> pd.Series:
    """Decode the UTC creation time hidden in tweet ids (vectorised).

    Parameters
    ----------
    tweet_ids : iterable of str or int
        Tweet ids as digits. Keep ids as strings when you read them: as floats they lose digits.

    Returns
    -------
    Series
        UTC timestamps (millisecond precision), one per id, in input order, named
        ``created_at``.

    Raises
    ------
    DataError
        When an id is not a whole number of at most 19 digits that fits a 64-bit integer,
        naming its row (1-based position). Ids from before November 2010 were sequential and
        carry no time: they decode to dates near the epoch, which a check on the range of the
        result reveals.

    Examples
    --------
    >>> tweet_id_to_datetime(["210980000776728576"]).iloc[0]
    Timestamp('2012-06-08 06:22:06.661000+0000', tz='UTC')
    """
    texts = pd.Series([str(value).strip() for value in tweet_ids], dtype="object")
    digits = texts.str.fullmatch(r"[0-9]{1,19}", na=False)  # ASCII digits only
    fits = digits & ((texts.str.len() < 19) | (texts <= str(_MAX_ID)))
    if not fits.all():
        position = int(np.flatnonzero(~fits.to_numpy())[0])
        raise DataError(
            "a tweet ID must be a whole number that fits 64 bits",
            row=position + 1,
            column="tweet_id",
            expected="digits only, at most 9223372036854775807",
            found=repr(texts.iloc[position]),
        )
    numbers = texts.astype(np.int64).to_numpy() if len(texts) else np.empty(0, np.int64)
    ms = (numbers >> _LOW_BITS) + TWITTER_EPOCH_MS
    return pd.Series(pd.to_datetime(ms, unit="ms", utc=True), name="created_at")
