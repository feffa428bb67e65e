"""Legacy Vietnamese fonts (TCVN3 / VNI) are recognised and decoded; Unicode is left alone."""

from __future__ import annotations

import unicodedata

import pytest

from app.core.text import decode_legacy, detect_legacy, to_unicode

# Independent encoders (written from the published code charts) to produce legacy text.
_TCVN3_CHART = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ấ": "Ê", "ẩ": "È", "ẫ": "É", "ậ": "Ë",
    "đ": "®", "è": "Ì", "é": "Ð", "ẻ": "Î", "ẽ": "Ï", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ế": "Õ", "ể": "Ó", "ễ": "Ô", "ệ": "Ö",
    "ì": "×", "í": "Ý", "ỉ": "Ø", "ĩ": "Ü", "ị": "Þ",
    "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä",
    "ô": "«", "ồ": "å", "ố": "è", "ổ": "æ", "ỗ": "ç", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ớ": "í", "ở": "ë", "ỡ": "ì", "ợ": "î",
    "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò", "ụ": "ô",
    "ư": "\u00ad", "ừ": "õ", "ứ": "ø", "ử": "ö", "ữ": "÷", "ự": "ù",
    "ỳ": "ú", "ý": "ý", "ỷ": "û", "ỹ": "ü", "ỵ": "þ",
    "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§",
}  # fmt: skip


def to_tcvn3(text: str) -> str:
    # TCVN3 has no accented capitals: typists used the lower-case code ("ñy ban").
    return "".join(_TCVN3_CHART.get(ch) or _TCVN3_CHART.get(ch.lower(), ch) for ch in text)


_VNI_TONE = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"": "i", "\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        upper = base.isupper()
        b = base.lower()
        tone = next((m for m in marks if m in _VNI_TONE), "")
        if ch in "đĐ":
            s = "ñ"
        elif b == "i":
            s = _VNI_I[tone]
        elif b == "y" and tone == "\u0323":
            s = "î"
        elif "\u031b" in marks:  # horn: ơ ư
            s = {"o": "ô", "u": "ö"}[b] + _VNI_TONE.get(tone, "")
        elif "\u0302" in marks:
            s = b + _VNI_CIRC[tone]
        elif "\u0306" in marks:
            s = b + _VNI_BREVE[tone]
        elif tone:
            s = b + _VNI_TONE[tone]
        else:
            s = ch
            upper = False
        out.append(s.upper() if upper else s)
    return "".join(out)


SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan",
    "Thực hiện trước ngày 30/6/2023",
    "Tổ chức quán triệt, tuyên truyền Kết luận số 21-KL/TW",
    "Đảng ủy Khối các cơ quan tỉnh",
    "Ủy ban Kiểm tra Đảng ủy Khối",
    "Văn phòng Đảng ủy",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Đã hoàn thành",
    "Đang thực hiện",
    "Hằng năm",
    "Nghiên cứu, sửa đổi, bổ sung quy chế làm việc",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_text_is_detected_and_decoded(text):
    legacy = to_tcvn3(text)
    assert legacy != text
    assert detect_legacy(legacy) == "tcvn3"
    # Capitals TCVN3 cannot write come back in lower case, as the typist entered them.
    expected = "".join(
        ch.lower() if ch not in _TCVN3_CHART and ch.lower() in _TCVN3_CHART else ch for ch in text
    )
    assert to_unicode(legacy) == unicodedata.normalize("NFC", expected)


@pytest.mark.parametrize("text", SENTENCES)
def test_vni_text_is_detected_and_decoded(text):
    legacy = to_vni(text)
    assert legacy != text
    assert detect_legacy(legacy) == "vni"
    assert to_unicode(legacy) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    "text",
    [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Hà Nội",
        "Cao Bá Quát",
        "Café crème brûlée",
        "São Paulo",
        "Quý I/2023",
        "Müller GmbH",
        "Số 127-KH/ĐUK",
        "Hoà Bình",
        "Nguyễn Văn A",
        "",
        "x",
    ],
)
def test_unicode_and_foreign_text_is_left_alone(text):
    assert detect_legacy(text) is None
    assert to_unicode(text) == unicodedata.normalize("NFC", text)


def test_vntimeh_capitals_stay_capitals():
    # .VnTimeH draws the lower-case codes as capitals: "KÕ HO¹CH" reads "KẾ HOẠCH".
    assert to_unicode("KÕ HO¹CH") == "KẾ HOẠCH"
    assert to_unicode("NHIÖM Vô CHUNG") == "NHIỆM VỤ CHUNG"


def test_decomposed_unicode_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Thời gian thực hiện")
    assert to_unicode(nfd) == unicodedata.normalize("NFC", "Thời gian thực hiện")


def test_explicit_encoding_and_unknown_encoding():
    assert decode_legacy("Hoµn thµnh", "tcvn3") == "Hoàn thành"
    assert decode_legacy("Hoaøn thaønh", "vni") == "Hoàn thành"
    with pytest.raises(ValueError):
        decode_legacy("abc", "viqr2")
