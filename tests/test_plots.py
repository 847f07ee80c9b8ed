import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from govsocial.plots import (  # noqa: E402
    DIVERGING,
    PALETTE,
    SEQUENTIAL,
    coefficient_heatmap,
    coefficient_plot,
    confusion_heatmap,
    set_theme,
    share_bars,
)

# --- colour-vision-deficiency simulation --------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
# vision deficiency", severity 1.0 (dichromacy); the matrices act on linear RGB.
MACHADO = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}

# sRGB (D65) linear RGB -> CIE XYZ, and the D65 white point.
RGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
WHITE_D65 = np.array([0.95047, 1.0, 1.08883])

# CIE76 colour difference (Euclidean distance in CIELAB). A difference of about 2.3 is just
# noticeable for large patches side by side (Sharma, Digital Color Imaging Handbook, 2003); the
# small markers, thin lines and legend swatches of a chart need several times that to be told
# apart at a glance. We require 10 (about four just-noticeable differences): the worst pair of the
# book's first six colours under any simulated dichromacy is about 16, while the classic unsafe
# pair, matplotlib's default red and green, falls to about 7 under deuteranopia.
MIN_DELTA_E = 10.0


def _linear_rgb(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    t = RGB_TO_XYZ @ linear_rgb / WHITE_D65
    delta = 6 / 29
    f = np.where(t > delta**3, np.cbrt(t), t / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(hex_colour: str, deficiency: str | None) -> np.ndarray:
    """CIELAB of a colour as seen with the given deficiency (None: normal vision)."""
    rgb = _linear_rgb(hex_colour)
    if deficiency is not None:
        rgb = np.clip(MACHADO[deficiency] @ rgb, 0.0, 1.0)
    return _lab(rgb)


def _indistinguishable_pairs(colours: list[str]) -> list[tuple[str, str, str, float]]:
    """Pairs closer than MIN_DELTA_E under normal vision or any simulated dichromacy."""
    problems = []
    for deficiency in (None, *MACHADO):
        for a, b in itertools.combinations(colours, 2):
            distance = float(np.linalg.norm(_seen(a, deficiency) - _seen(b, deficiency)))
            if distance < MIN_DELTA_E:
                problems.append((str(deficiency), a, b, round(distance, 1)))
    return problems


def test_lab_conversion_matches_reference_values():
    # Reference CIELAB (D65) values of the sRGB primaries and white, e.g. from Bruce Lindbloom's
    # calculator: white (100, 0, 0), red (53.24, 80.09, 67.20), blue (32.30, 79.19, -107.86).
    np.testing.assert_allclose(_lab(_linear_rgb("#FFFFFF")), [100, 0, 0], atol=0.01)
    np.testing.assert_allclose(_lab(_linear_rgb("#FF0000")), [53.24, 80.09, 67.20], atol=0.05)
    np.testing.assert_allclose(_lab(_linear_rgb("#0000FF")), [32.30, 79.19, -107.86], atol=0.05)


def test_palette_is_okabe_ito_with_black_last():
    okabe_ito = {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    assert len(PALETTE) == 8
    assert set(PALETTE) == okabe_ito
    assert PALETTE[-1] == "#000000"


def test_first_six_palette_colours_stay_distinguishable_under_colour_blindness():
    assert _indistinguishable_pairs(PALETTE[:6]) == []


def test_colour_blindness_check_rejects_red_green_palette():
    # matplotlib's default ("tab10") red and green: distinct for normal vision, but close for a
    # deuteranope. If the check passed them, it would not be checking anything.
    red, green = "#D62728", "#2CA02C"
    assert np.linalg.norm(_seen(red, None) - _seen(green, None)) > 50
    problems = _indistinguishable_pairs(["#1F77B4", "#FF7F0E", green, red])
    assert ("deuteranopia", green, red) in [p[:3] for p in problems]


# --- theme and figures --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _theme_and_cleanup():
    set_theme()
    yield
    plt.close("all")


def _assert_standard_figure(fig: Figure) -> None:
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel().strip()
    assert ax.get_ylabel().strip()
    assert ax.get_title() == ""
    assert fig.get_suptitle() == ""


def test_set_theme_makes_the_palette_the_default_colour_cycle():
    cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    assert [to_hex(c).upper() for c in cycle] == PALETTE
    fig, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    assert to_hex(line.get_color()).upper() == PALETTE[0]
    assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["axes.spines.right"] is False
    assert matplotlib.rcParams["figure.dpi"] == 110


def test_coefficient_plot_skips_intercept_and_uses_log_scale():
    table = pd.DataFrame(
        {
            "term": ["Intercept", "has_image", "C(platform)[T.X]"],
            "irr": [3.0, 1.4, 0.8],
            "ci_low": [2.5, 1.1, 0.6],
            "ci_high": [3.5, 1.8, 1.1],
        }
    )
    fig = coefficient_plot(table)
    _assert_standard_figure(fig)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    # Plain round numbers on the ratio axis, not 10^x notation; 1 is among them.
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "1" in ticks
    assert not any("10^" in t or "times" in t for t in ticks)
    assert "Incidence-rate ratio" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == ["C(platform)[T.X]", "has_image"]
    reference_lines = [line for line in ax.get_lines() if list(line.get_xdata()) == [1.0, 1.0]]
    assert reference_lines


def test_confusion_heatmap_shows_row_shares():
    confusion = pd.DataFrame(
        [[3, 1], [0, 0]],
        index=pd.Index(["info", "other"], name="true"),
        columns=pd.Index(["info", "other"], name="predicted"),
    )
    fig = confusion_heatmap(confusion)
    _assert_standard_figure(fig)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Predicted label"
    assert ax.get_ylabel() == "True label"
    # Row "info": 3 of 4 and 1 of 4; the empty row "other" shows zeros, not NaN.
    assert [t.get_text() for t in ax.texts] == ["75%", "25%", "0%", "0%"]
    assert ax.collections[0].get_cmap().name == SEQUENTIAL

    counts = confusion_heatmap(confusion, normalize=False)
    assert [t.get_text() for t in counts.axes[0].texts] == ["3", "1", "0", "0"]


@pytest.mark.parametrize("hue", [None, "year"])
def test_share_bars_draws_horizontal_bars(hue):
    shares = pd.DataFrame(
        {
            "platform": ["Facebook", "X", "Instagram", "Facebook", "X", "Instagram"],
            "share": [0.5, 0.3, 0.2, 0.4, 0.4, 0.2],
            "year": ["2020"] * 3 + ["2024"] * 3,
        }
    )
    data = shares if hue else shares[shares["year"] == "2020"]
    fig = share_bars(
        data, x="share", y="platform", hue=hue, xlabel="Share of posts", ylabel="Platform"
    )
    _assert_standard_figure(fig)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_width() > 0]
    assert len(bars) == len(data)
    # Horizontal: bar lengths are the shares.
    assert sorted(round(p.get_width(), 6) for p in bars) == sorted(data["share"].round(6))
    assert (ax.get_legend() is not None) == (hue is not None)


def test_diverging_map_ends_stay_distinguishable_under_colour_blindness():
    cmap = matplotlib.colormaps[DIVERGING]
    negative, positive = (to_hex(cmap(x)) for x in (0.15, 0.85))
    assert _indistinguishable_pairs([negative, positive, "#FFFFFF"]) == []


def test_coefficient_heatmap_centres_zero_and_marks_cells():
    table = pd.DataFrame([[0.9, -0.2], [0.0, 0.4]], index=["x", "y"], columns=["a", "b"])
    marks = pd.DataFrame([[True, False], [False, False]], index=["x", "y"], columns=["a", "b"])
    fig = coefficient_heatmap(table, marks=marks, xlabel="Model", ylabel="Factor",
                              colorbar_label="Log-odds")
    mesh = fig.axes[0].collections[0]
    assert mesh.norm.vmin == -0.9 and mesh.norm.vmax == 0.9
    assert [t.get_text() for t in fig.axes[0].texts] == ["+0.90*", "-0.20", "+0.00", "+0.40"]
    assert fig.axes[0].get_xlabel() == "Model" and fig.axes[0].get_ylabel() == "Factor"
    plt.close(fig)
