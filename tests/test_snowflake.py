"""Tweet (Snowflake) ids: the one encoder and the one vectorised decoder."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsocial import DataError
from govsocial.io import snowflake


def test_a_published_id_decodes_to_its_documented_time() -> None:
    # (1245604799606689794 >> 22) + 1288834974657 = 1585810301101 ms since 1970
    decoded = snowflake.tweet_id_to_datetime(["1245604799606689794"]).iloc[0]
    assert decoded == pd.Timestamp("2020-04-02 06:51:41.101", tz="UTC")


@given(
    st.lists(
        st.integers(min_value=snowflake.TWITTER_EPOCH_MS, max_value=2_500_000_000_000),
        min_size=1,
        max_size=50,
    )
)
def test_encoding_then_decoding_gives_back_every_millisecond(ms: list[int]) -> None:
    ids = snowflake.snowflake_ids(np.array(ms, dtype=np.int64))
    assert len(set(ids.tolist())) == len(ms)  # unique, even within one millisecond
    decoded = snowflake.tweet_id_to_datetime(ids.astype(str))
    assert decoded.dt.as_unit("ms").astype("int64").tolist() == ms


def test_timestamps_and_integers_encode_alike() -> None:
    stamps = ["2020-03-01 10:00:00.123", "2020-03-01 10:00:01.000"]
    times = pd.Series(pd.to_datetime(stamps, utc=True))
    ms = times.dt.as_unit("ms").astype("int64").to_numpy()
    assert snowflake.snowflake_ids(times).tolist() == snowflake.snowflake_ids(ms).tolist()


@pytest.mark.parametrize(
    ("bad", "row"),
    [
        (["1", "12a"], 2),
        (["١٢٣"], 1),  # Arabic-Indic digits are digits to str.isdigit, not to a tweet id
        (["1.2e+18"], 1),
        (["99999999999999999999"], 1),  # 20 digits: does not fit 64 bits
        (["9223372036854775808"], 1),  # one past the largest int64
        ([""], 1),
    ],
)
def test_an_id_that_is_not_a_64_bit_whole_number_is_a_data_error(bad, row) -> None:
    with pytest.raises(DataError) as error:
        snowflake.tweet_id_to_datetime(bad)
    assert error.value.row == row


def test_no_ids_decode_to_an_empty_series() -> None:
    decoded = snowflake.tweet_id_to_datetime([])
    assert len(decoded) == 0 and decoded.name == "created_at"
