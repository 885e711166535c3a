"""Type stubs of the motcua package (results are plain dicts: TypedDicts here)."""

import datetime
from typing import Any, Iterable, List, Literal, Optional, Sequence, TypedDict, Union

__version__: str

TextOrBytes = Union[str, bytes]
Ecc = Literal["L", "M", "Q", "H"]
RepairCode = Literal["strip_bom", "strip_suffix", "nfc", "mojibake"]
CardWarning = Literal["card_expired", "issued_before_chip_era"]
CmndLink = Literal["linked", "mismatch", "no_old_id"]

class MotcuaError(Exception):
    code: str
    message: str
    message_vi: str
    field: Optional[str]
    row: Optional[int]

class ErrorInfo(TypedDict, total=False):
    code: str
    message: str
    message_vi: str
    field: str

class Card(TypedDict, total=False):
    layout: Literal["2021", "2024"]
    id: str
    old_id: Optional[str]
    name: str
    birth_date: str
    sex: Literal["male", "female"]
    address: str
    issue_date: str
    expiry_date: Optional[str]
    expired: bool
    province_code: Optional[str]
    province: Optional[str]
    born_abroad: Optional[bool]
    extra: List[str]
    warnings: List[CardWarning]
    masked: bool
    repairs: List[RepairCode]
    cmnd_link: CmndLink

class CardRow(Card, total=False):
    ok: bool
    error: ErrorInfo

class IdInfo(TypedDict):
    masked: str
    province_code: str
    province: Optional[str]
    born_abroad: bool
    century: int
    sex: Literal["male", "female"]
    birth_year: int

class CardSample(TypedDict):
    description: str
    payload: str

class Message(TypedDict):
    message: str
    message_vi: str

class DossierRecord(TypedDict, total=False):
    dossier_code: str
    procedure_code: Optional[str]
    applicant: Optional[str]
    applicant_kind: Optional[Literal["person", "tax_code", "unit", "masked"]]
    paper: Union[str, dict, None]
    paper_name: Optional[str]
    system: Optional[str]
    issued_at: Optional[str]
    appointment: Optional[str]
    validity: Union[str, dict, None]
    scope: Optional[str]
    base: Optional[str]
    host: Optional[str]
    missing: List[str]
    warnings: List[str]

class DossierCodeInfo(TypedDict):
    unit: str
    unit_form: Literal["full", "short"]
    level1: str
    date: str
    sequence: int

class ProcedureCodeInfo(TypedDict):
    national: str
    unit: Optional[str]
    extra: Optional[str]

class ApplicantInfo(TypedDict):
    kind: Literal["person", "tax_code", "unit", "masked"]
    masked: str

class QrMatrix(TypedDict):
    size: int
    version: int
    ecc: Ecc
    modules: bytes

class Sheet(TypedDict):
    html: str
    fragment: str
    css: str

class Poster(TypedDict):
    pages: List[str]
    html: str
    count: int
    qr_mm: float

class Point(TypedDict):
    x: int
    y: int

class FoundCode(TypedDict):
    text: Optional[str]
    charset: Literal["utf-8", "iso-8859-1", "unknown"]
    version: int
    ecc: Ecc
    corners: List[Point]
    bytes: bytes

def version() -> str: ...
def parse_card(payload: TextOrBytes, *, as_of: Optional[datetime.date] = None, cmnd: Optional[str] = None) -> Card: ...
def scan_card(
    scan: TextOrBytes, *, as_of: Optional[datetime.date] = None, cmnd: Optional[str] = None, masked: bool = False
) -> Card: ...
def scan_cards(
    scans: Iterable[Optional[TextOrBytes]], *, as_of: Optional[datetime.date] = None, masked: bool = False
) -> List[CardRow]: ...
def scan_table(
    scans: Iterable[Optional[TextOrBytes]], *, as_of: Optional[datetime.date] = None, masked: bool = False
) -> dict[str, List[Any]]: ...
def validate_id(id: str) -> IdInfo: ...
def validate_cmnd(cmnd: str) -> None: ...
def mask_id(id: str) -> str: ...
def card_samples() -> List[CardSample]: ...
def garble_as_windows1252(text: str) -> str: ...
def error_message(code: str) -> Optional[Message]: ...
def repair_message(code: str) -> Optional[Message]: ...
def error_codes() -> dict[str, List[str]]: ...
def encode_dossier(
    record: dict[str, Any], *, base: Optional[str] = None, privacy: Literal["full", "masked", "omitted"] = "full"
) -> str: ...
def decode_dossier(payload: str, *, allowed_bases: Sequence[str] = ()) -> DossierRecord: ...
def validate_dossier_code(code: str) -> DossierCodeInfo: ...
def validate_procedure_code(code: str) -> ProcedureCodeInfo: ...
def validate_applicant(applicant: str) -> ApplicantInfo: ...
def sample_receipt() -> DossierRecord: ...
def qr_svg(
    text: str,
    *,
    ecc: Ecc = "M",
    min_version: int = 1,
    max_version: int = 40,
    boost_ecc: bool = True,
    quiet_zone: int = 4,
    caption: Optional[str] = None,
    width: Optional[str] = None,
) -> str: ...
def qr_png(
    text: str, *, scale: int = 8, ecc: Ecc = "M", min_version: int = 1, max_version: int = 40, boost_ecc: bool = True
) -> bytes: ...
def qr_matrix(
    text: str, *, ecc: Ecc = "M", min_version: int = 1, max_version: int = 40, boost_ecc: bool = True
) -> QrMatrix: ...
def render_sheet(
    scan: TextOrBytes,
    *,
    office: str,
    scanned_at: Optional[datetime.datetime] = None,
    as_of: Optional[datetime.date] = None,
    dossier: Optional[str] = None,
    allowed_bases: Sequence[str] = (),
    masked: bool = False,
) -> Sheet: ...
def render_poster(
    csv: TextOrBytes, *, title: str, subtitle: Optional[str] = None, columns: int = 3, rows: int = 3
) -> Poster: ...
def sample_procedures() -> str: ...
def decode_pixels(
    pixels: bytes, width: int, height: int, *, channels: Literal[1, 4] = 1, stride: Optional[int] = None
) -> List[FoundCode]: ...
def decode_image(image: Any) -> List[FoundCode]: ...
