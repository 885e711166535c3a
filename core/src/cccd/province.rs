//! The 63 province codes of the 12-digit ID number.

/// A province (or centrally-run city) of birth registration, as coded in
/// digits 1–3 of the ID number.
///
/// The list is the pre-2025 one: the 2025 province mergers did not renumber
/// ID numbers, so the code names where the birth was registered back then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Province {
    /// Three digits, e.g. `"001"`.
    pub code: &'static str,
    /// Vietnamese name, NFC, without "Tỉnh"/"Thành phố", e.g. `"Hà Nội"`.
    pub name: &'static str,
}

const fn p(code: &'static str, name: &'static str) -> Province {
    Province { code, name }
}

/// All 63 provinces, sorted by code.
pub const PROVINCES: [Province; 63] = [
    p("001", "Hà Nội"),
    p("002", "Hà Giang"),
    p("004", "Cao Bằng"),
    p("006", "Bắc Kạn"),
    p("008", "Tuyên Quang"),
    p("010", "Lào Cai"),
    p("011", "Điện Biên"),
    p("012", "Lai Châu"),
    p("014", "Sơn La"),
    p("015", "Yên Bái"),
    p("017", "Hòa Bình"),
    p("019", "Thái Nguyên"),
    p("020", "Lạng Sơn"),
    p("022", "Quảng Ninh"),
    p("024", "Bắc Giang"),
    p("025", "Phú Thọ"),
    p("026", "Vĩnh Phúc"),
    p("027", "Bắc Ninh"),
    p("030", "Hải Dương"),
    p("031", "Hải Phòng"),
    p("033", "Hưng Yên"),
    p("034", "Thái Bình"),
    p("035", "Hà Nam"),
    p("036", "Nam Định"),
    p("037", "Ninh Bình"),
    p("038", "Thanh Hóa"),
    p("040", "Nghệ An"),
    p("042", "Hà Tĩnh"),
    p("044", "Quảng Bình"),
    p("045", "Quảng Trị"),
    p("046", "Thừa Thiên Huế"),
    p("048", "Đà Nẵng"),
    p("049", "Quảng Nam"),
    p("051", "Quảng Ngãi"),
    p("052", "Bình Định"),
    p("054", "Phú Yên"),
    p("056", "Khánh Hòa"),
    p("058", "Ninh Thuận"),
    p("060", "Bình Thuận"),
    p("062", "Kon Tum"),
    p("064", "Gia Lai"),
    p("066", "Đắk Lắk"),
    p("067", "Đắk Nông"),
    p("068", "Lâm Đồng"),
    p("070", "Bình Phước"),
    p("072", "Tây Ninh"),
    p("074", "Bình Dương"),
    p("075", "Đồng Nai"),
    p("077", "Bà Rịa - Vũng Tàu"),
    p("079", "Hồ Chí Minh"),
    p("080", "Long An"),
    p("082", "Tiền Giang"),
    p("083", "Bến Tre"),
    p("084", "Trà Vinh"),
    p("086", "Vĩnh Long"),
    p("087", "Đồng Tháp"),
    p("089", "An Giang"),
    p("091", "Kiên Giang"),
    p("092", "Cần Thơ"),
    p("093", "Hậu Giang"),
    p("094", "Sóc Trăng"),
    p("095", "Bạc Liêu"),
    p("096", "Cà Mau"),
];

/// `INDEX[n]` is the position in [`PROVINCES`] of code `0nn`, or `u8::MAX`.
// Evaluated at compile time: an out-of-bounds index fails the build.
#[allow(clippy::indexing_slicing)]
const INDEX: [u8; 100] = {
    let mut t = [u8::MAX; 100];
    let mut i = 0;
    while i < PROVINCES.len() {
        let c = PROVINCES[i].code.as_bytes();
        t[((c[1] - b'0') * 10 + (c[2] - b'0')) as usize] = i as u8;
        i += 1;
    }
    t
};

/// Looks up a 3-digit province code.
pub fn province(code: &str) -> Option<&'static Province> {
    match *code.as_bytes() {
        [b'0', a @ b'0'..=b'9', b @ b'0'..=b'9'] => {
            let i = INDEX.get(usize::from((a - b'0') * 10 + (b - b'0')))?;
            PROVINCES.get(usize::from(*i))
        }
        _ => None,
    }
}
