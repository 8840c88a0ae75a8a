"""Region lookup against the shipped data and against small hand-written files."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.regions import Region, Regions, default_regions, dotted, load_regions


@pytest.fixture(scope="module")
def regions() -> Regions:
    return default_regions()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("36", "36"),
        ("3603", "36.03"),
        ("360301", "36.03.01"),
        ("3603011001", "36.03.01.1001"),
        ("36.03.01", "36.03.01"),
        (" 360301 ", "36.03.01"),
    ],
)
def test_dotted(code: str, expected: str) -> None:
    assert dotted(code) == expected


@pytest.mark.parametrize("code", ["", "3", "36030", "3603010", "36.3.01", "36.03.01.1", "3a03", "３６"])
def test_dotted_rejects_malformed_codes(code: str) -> None:
    with pytest.raises(ValueError):
        dotted(code)


def test_names_dotted_and_undotted(regions: Regions) -> None:
    assert regions.name("36") == "Banten"
    assert regions.name("36.03") == "Kabupaten Tangerang"
    assert regions.name("3674") == "Kota Tangerang Selatan"
    assert regions.name("360301") == "Balaraja"
    assert regions.name("36.74.07") == "Setu"
    assert regions.name("36.03.01.1001") == "Balaraja"
    assert regions.get("3674011001") == Region("36.74.01.1001", "Ciater")


def test_unknown_and_malformed_codes_give_none(regions: Regions) -> None:
    assert regions.name("99") is None
    assert regions.name("36.03.21") is None  # an unused number inside Kabupaten Tangerang
    assert regions.name("banten") is None
    assert regions.get("") is None
    assert regions.province_of("xx") is None


def test_names_are_trimmed(regions: Regions) -> None:
    # The shipped file has "Kota Administrasi Jakarta Utara " with a trailing space.
    assert regions.name("31.72") == "Kota Administrasi Jakarta Utara"


def test_parents(regions: Regions) -> None:
    assert regions.province_of("360301") == Region("36", "Banten")
    assert regions.province_of("36.74.01.1001") == Region("36", "Banten")
    assert regions.regency_of("36.74.03") == Region("36.74", "Kota Tangerang Selatan")
    assert regions.regency_of("3603") == Region("36.03", "Kabupaten Tangerang")
    assert regions.regency_of("36") is None


def test_kecamatan_of_kabupaten_tangerang(regions: Regions) -> None:
    kecamatan = regions.kecamatan_in("3603")
    codes = [k.code for k in kecamatan]
    assert len(kecamatan) == 29
    assert codes == sorted(codes)
    assert kecamatan[0] == Region("36.03.01", "Balaraja")
    assert kecamatan[-1] == Region("36.03.33", "Mekar Baru")
    assert not {"36.03.21", "36.03.24", "36.03.25", "36.03.26"} & set(codes)


def test_kecamatan_of_tangsel(regions: Regions) -> None:
    names = [k.name for k in regions.kecamatan_in("36.74")]
    assert names == [
        "Serpong",
        "Serpong Utara",
        "Pondok Aren",
        "Ciputat",
        "Ciputat Timur",
        "Pamulang",
        "Setu",
    ]


def test_kecamatan_in_needs_a_known_regency_code(regions: Regions) -> None:
    assert regions.kecamatan_in("36.99") == []
    assert regions.kecamatan_in("36") == []
    assert regions.kecamatan_in("360301") == []


def test_villages(regions: Regions) -> None:
    villages = regions.villages_in("360301")
    codes = [v.code for v in villages]
    assert codes == sorted(codes)
    assert villages[0] == Region("36.03.01.1001", "Balaraja")
    assert all(code.startswith("36.03.01.") for code in codes)
    assert len(regions.villages_in("36.74.03")) == 11
    # Village data only ships for the two target regencies.
    assert regions.villages_in("32.01.01") == []


def test_returned_lists_are_copies(regions: Regions) -> None:
    regions.kecamatan_in("36.74").clear()
    assert len(regions.kecamatan_in("36.74")) == 7


@pytest.mark.parametrize(
    ("code", "kota"),
    [
        ("36.03", False),
        ("3674", True),
        ("36.74.01", True),
        ("36.69", False),
        ("36.71", True),
        ("36.99", True),
    ],
)
def test_is_kota_from_the_code(regions: Regions, code: str, kota: bool) -> None:
    assert regions.is_kota(code) is kota


def test_is_kota_agrees_with_the_shipped_names(regions: Regions) -> None:
    regencies = [r for r in regions if r.code.count(".") == 1]
    assert len(regencies) > 500
    for regency in regencies:
        assert regions.is_kota(regency.code) == regency.name.startswith("Kota "), regency


def test_is_kota_needs_a_regency_part(regions: Regions) -> None:
    with pytest.raises(ValueError):
        regions.is_kota("36")


def test_regency_header_from_shipped_names(regions: Regions) -> None:
    assert regions.regency_header("36.03") == "KABUPATEN TANGERANG"
    assert regions.regency_header("3674") == "KOTA TANGERANG SELATAN"
    assert regions.regency_header("36.74.06") == "KOTA TANGERANG SELATAN"


def test_regency_header_of_unknown_regency_raises(regions: Regions) -> None:
    with pytest.raises(KeyError):
        regions.regency_header("36.99")


def test_regency_header_adds_or_spells_out_the_prefix() -> None:
    regions = Regions(
        [
            Region("36", "Banten"),
            Region("36.03", "Tangerang"),
            Region("36.74", "Tangerang Selatan"),
            Region("36.04", "Kab. Serang"),
            Region("36.72", "kota  cilegon "),
        ]
    )
    assert regions.regency_header("36.03") == "KABUPATEN TANGERANG"
    assert regions.regency_header("36.74") == "KOTA TANGERANG SELATAN"
    assert regions.regency_header("36.04") == "KABUPATEN SERANG"
    assert regions.regency_header("36.72") == "KOTA CILEGON"


def test_load_regions_from_given_files(tmp_path: Path) -> None:
    regions_csv = tmp_path / "regions.csv"
    # A BOM and CRLF, as a spreadsheet would save it.
    regions_csv.write_bytes("\ufeffcode,name\r\n36,Banten\r\n36.03,Kabupaten Tangerang\r\n".encode())
    villages_csv = tmp_path / "villages.csv"
    villages_csv.write_text("code,name\n36.03.01.1001,Balaraja\n", encoding="utf-8")
    regions = load_regions(regions_csv, villages_csv)
    assert regions.name("36") == "Banten"
    assert regions.regency_header("3603") == "KABUPATEN TANGERANG"
    assert regions.name("3603011001") == "Balaraja"
    assert regions.name("36.74") is None


def test_default_regions_is_read_once() -> None:
    assert default_regions() is default_regions()


def test_every_shipped_village_has_a_known_kecamatan(regions: Regions) -> None:
    villages = [r for r in regions if r.code.count(".") == 3]
    assert len(villages) == 328
    for village in villages:
        assert regions.get(village.code.rsplit(".", 1)[0]) is not None, village
