//! The clean path allocates nothing: a counting global allocator proves it.
//! (One test per binary section below; counting is per thread.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use chrono::NaiveDate;
use motcua::cccd;

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: defers to the system allocator; only counts calls on this thread.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCS.with(Cell::get);
    let out = f();
    (out, ALLOCS.with(Cell::get) - before)
}

const CLEAN: [&str; 3] = [
    "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021",
    "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021",
    "046097264444||Võ Minh Long|24021997|Nam|Tổ 5, Phường Quang Trung, Thành phố Huế, Hà Nội|17022025||||",
];

#[test]
fn clean_payloads_parse_without_allocating() {
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    // The counter itself works: a String allocates.
    let (_, n) = allocations(|| String::from("x"));
    assert_eq!(n, 1);
    for p in CLEAN {
        let (card, n) = allocations(|| cccd::parse_as_of(p, as_of).map(|c| c.name().len()));
        assert!(card.is_ok());
        assert_eq!(n, 0, "strict parse allocated");
        // "today" from the clock does not allocate either.
        let (card, n) = allocations(|| cccd::parse(p).map(|c| c.expiry_date()));
        assert!(card.is_ok());
        assert_eq!(n, 0, "parse with today allocated");
        // The scanner path borrows when nothing needs rewriting…
        let (r, n) = allocations(|| {
            let r = cccd::repair(p).unwrap();
            let ok = r.parse_as_of(as_of).is_ok();
            (
                ok,
                r.repairs().is_empty(),
                matches!(r.into_text(), std::borrow::Cow::Borrowed(_)),
            )
        });
        assert_eq!(r, (true, true, true));
        assert_eq!(n, 0, "scanner path allocated on a clean payload");
        // …also when it only cuts the scanner's suffix or a BOM.
        let suffixed = format!("\u{feff}{p}\r\n");
        let (r, n) = allocations(|| {
            let r = cccd::repair(&suffixed).unwrap();
            (r.parse_as_of(as_of).is_ok(), r.repairs().len())
        });
        assert_eq!(r, (true, 2));
        assert_eq!(n, 0, "stripping a suffix allocated");
    }
    // Errors do not allocate either (they carry no text).
    let (e, n) = allocations(|| cccd::parse_as_of("0010901234|x", as_of).map(|_| ()));
    assert_eq!(e.unwrap_err().code(), "field_count");
    assert_eq!(n, 0);
    // A repair that rewrites text does allocate: the counter sees it.
    let garbled = cccd::garble_as_windows1252(CLEAN[0]);
    let (_, n) = allocations(|| cccd::repair(&garbled).map(|r| r.repairs()));
    assert!(n > 0);
}
