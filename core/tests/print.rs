//! The print module: posters from CSV (every error names its row), the
//! clerk's sheet (fields, masking, link statement, dossier checks).

use chrono::{NaiveDate, TimeZone};
use motcua::cccd;
use motcua::dossier::{self, EncodeOptions, Privacy, VIETNAM};
use motcua::print::poster::{self, read_csv, render, PosterOptions, MAX_URL_LEN};
use motcua::print::sheet::{self, SheetOptions};
use motcua::print::{Column, Error};
use proptest::prelude::*;

const URL: &str = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=";

fn csv_of(rows: &[&str]) -> String {
    let mut s = String::from("code,name,url,group\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn good(code: &str, name: &str) -> String {
    format!("{code},{name},{URL}{code},Hộ tịch")
}

#[test]
fn sample_list_reads_and_renders_on_three_pages() {
    let list = read_csv(poster::SAMPLE_CSV.as_bytes()).unwrap();
    assert_eq!(list.len(), 25);
    assert_eq!(list[0].code, "1.001193");
    assert_eq!(list[0].name, "Đăng ký khai sinh");
    assert_eq!(list[0].group.as_deref(), Some("Hộ tịch"));
    assert_eq!(list[0].row, 2);
    assert!(list.iter().all(|p| p.url.ends_with(&p.code)));
    let p = render(&list, &PosterOptions::new("UBND xã Minh Khai")).unwrap();
    assert_eq!(p.pages().len(), 3, "25 codes at 9 a page");
    assert!(p.qr_mm() >= f64::from(poster::MIN_QR_MM));
    for (i, page) in p.pages().iter().enumerate() {
        assert!(page.starts_with("<svg ") && page.trim_end().ends_with("</svg>"));
        assert!(page.contains(&format!("Trang {}/3", i + 1)));
    }
    // Every procedure is captioned with its code on the page it falls on.
    for (k, proc_) in list.iter().enumerate() {
        assert!(
            p.pages()[k / 9].contains(&format!("Mã TTHC: {}", proc_.code)),
            "{}",
            proc_.code
        );
    }
    let html = p.to_html();
    assert_eq!(html.matches("<section class=\"page\">").count(), 3);
    assert!(html.contains("@page { size: A4; margin: 0; }"));
}

#[test]
fn grid_sizes_and_layout_limits() {
    let all = read_csv(poster::SAMPLE_CSV.as_bytes()).unwrap();
    // Short names only: 4 columns leave 46 mm for a caption line.
    let list: Vec<_> = all.into_iter().filter(|p| p.name.chars().count() < 40).collect();
    assert_eq!(list.len(), 11);
    let with = |columns, rows| {
        render(
            &list,
            &PosterOptions {
                columns,
                rows,
                ..PosterOptions::new("UBND xã Minh Khai")
            },
        )
    };
    assert_eq!(with(4, 3).unwrap().pages().len(), 1); // 12 a page
    assert_eq!(with(3, 3).unwrap().pages().len(), 2);
    assert_eq!(with(2, 2).unwrap().pages().len(), 3);
    assert!(with(2, 2).unwrap().qr_mm() > with(3, 3).unwrap().qr_mm());
    for (c, r) in [(4, 4), (3, 4), (0, 3), (5, 1)] {
        assert!(matches!(with(c, r), Err(Error::Layout { min_mm: 40, .. })), "{c}×{r}");
    }
}

#[test]
fn csv_header_aliases_order_bom_and_extra_columns() {
    let text = "\u{feff}Lĩnh vực;x,Tên thủ tục,Ghi chú,Mã thủ tục,Đường dẫn\n\"Chứng thực\",\"Chứng thực chữ ký, văn bản\",bỏ qua,2.000884,https://example.gov.vn/a?b=1\n";
    let list = read_csv(text.as_bytes()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].code, "2.000884");
    assert_eq!(list[0].name, "Chứng thực chữ ký, văn bản");
    assert_eq!(list[0].url, "https://example.gov.vn/a?b=1");
    // "Lĩnh vực;x" is not a known header: no group.
    assert_eq!(list[0].group, None);
    // Trimmed cells, blank rows skipped, row numbers are file lines.
    let text = csv_of(&[
        "",
        " 1.001193 , Đăng ký khai sinh , https://a.vn/x ,",
        ",,,",
        &good("1.000894", "Kết hôn"),
    ]);
    let list = read_csv(text.as_bytes()).unwrap();
    assert_eq!(list.iter().map(|p| p.row).collect::<Vec<_>>(), [3, 5]);
    assert_eq!(list[0].code, "1.001193");
    assert_eq!(list[0].group, None);
    // Excel's CR LF, a blank line, and a quoted cell over two lines: errors
    // still cite the line where the row starts.
    let text = "code,name,url\r\n\r\n1.001193,\"Khai\r\nsinh\",https://a.vn\r\n1.000894,Kết hôn,ftp://x\r\n";
    let list = poster::procedures([("1.001193", "Khai\r\nsinh", "https://a.vn", None)]);
    assert!(matches!(
        render(&list, &PosterOptions::new("UBND")),
        Err(Error::TextTooLong { .. })
    ));
    assert_eq!(read_csv(text.as_bytes()), Err(Error::UrlInvalid { row: 5 }));
}

#[test]
fn every_csv_error_names_its_row_and_column() {
    let ok = good("1.001193", "Đăng ký khai sinh");
    let cases: Vec<(String, Error)> = vec![
        ("name,url\nx,https://a.vn\n".into(), Error::MissingColumn(Column::Code)),
        (
            "code,url\n1.001193,https://a.vn\n".into(),
            Error::MissingColumn(Column::Name),
        ),
        ("code,name,link2\n".into(), Error::MissingColumn(Column::Url)),
        (
            csv_of(&[&ok, ",Tên,https://a.vn"]),
            Error::MissingField {
                row: 3,
                column: Column::Code,
            },
        ),
        (
            csv_of(&[&ok, &good("1.000656", "Khai tử"), "1.000894,,https://a.vn"]),
            Error::MissingField {
                row: 4,
                column: Column::Name,
            },
        ),
        (
            csv_of(&["1.000894,Tên"]),
            Error::MissingField {
                row: 2,
                column: Column::Url,
            },
        ),
        (
            csv_of(&[&ok, "1.00119,Tên,https://a.vn"]),
            Error::ProcedureCode { row: 3 },
        ),
        (
            csv_of(&[&ok, "9.001193,Tên,https://a.vn"]),
            Error::ProcedureCode { row: 3 },
        ),
        (csv_of(&[&ok, &ok]), Error::DuplicateCode { row: 3, first: 2 }),
        (csv_of(&["1.000894,Tên,ftp://a.vn/x"]), Error::UrlInvalid { row: 2 }),
        (csv_of(&["1.000894,Tên,https:///x"]), Error::UrlInvalid { row: 2 }),
        (csv_of(&["1.000894,Tên,https://a.vn/a b"]), Error::UrlInvalid { row: 2 }),
        (
            csv_of(&["1.000894,Tên,https://a.vn/đăng-ký"]),
            Error::UrlInvalid { row: 2 },
        ),
        (
            csv_of(&[&format!("1.000894,Tên,https://a.vn/{}", "x".repeat(MAX_URL_LEN))]),
            Error::UrlTooLong {
                row: 2,
                max: MAX_URL_LEN,
            },
        ),
        (csv_of(&[]), Error::Empty),
        (csv_of(&[",,,"]), Error::Empty),
    ];
    for (text, want) in cases {
        let got = read_csv(text.as_bytes());
        assert_eq!(got.as_ref().err(), Some(&want), "{text:?}");
        let e = got.unwrap_err();
        assert!(Error::ALL_CODES.contains(&e.code()));
        if let Some(row) = e.row() {
            assert!(e.message().contains(&format!("line {row}")), "{}", e.message());
            assert!(e.message_vi().contains(&format!("Dòng {row}")), "{}", e.message_vi());
        }
        assert!(Error::code_message(e.code()).is_some());
    }
}

#[test]
fn non_utf8_csv_is_refused_with_its_line() {
    // "Đăng ký khai tử" as Excel's Windows-1258 "CSV" would write it: not UTF-8.
    let mut bytes = csv_of(&[&good("1.001193", "Đăng ký khai sinh")]).into_bytes();
    bytes.extend_from_slice(b"1.000656,\xd0\xe3ng k\xfd khai t\xf2,https://a.vn/x\n");
    assert_eq!(read_csv(&bytes), Err(Error::NotUtf8 { row: 3 }));
    assert_eq!(read_csv(b"m\xe3,name,url\n"), Err(Error::NotUtf8 { row: 1 }));
    let e = read_csv(&bytes).unwrap_err();
    assert!(e.message().contains("CSV UTF-8"));
}

#[test]
fn captions_that_do_not_fit_are_refused_not_cut() {
    let long = "Thủ tục ".repeat(30);
    let text = csv_of(&[&good("1.001193", "Đăng ký khai sinh"), &good("1.000894", long.trim())]);
    let list = read_csv(text.as_bytes()).unwrap();
    let e = render(&list, &PosterOptions::new("UBND")).unwrap_err();
    assert_eq!(
        e,
        Error::TextTooLong {
            row: 3,
            column: Column::Name,
            max_lines: poster::NAME_LINES
        }
    );
    let control = poster::procedures([("1.001193", "Tên\u{7}", "https://a.vn", None)]);
    assert_eq!(
        render(&control, &PosterOptions::new("UBND")),
        Err(Error::TextTooLong {
            row: 1,
            column: Column::Name,
            max_lines: poster::NAME_LINES
        })
    );
    let group = poster::procedures([("1.001193", "Tên", "https://a.vn", Some(&*"Nhóm ".repeat(20)))]);
    assert!(matches!(
        render(&group, &PosterOptions::new("UBND")),
        Err(Error::TextTooLong {
            column: Column::Group,
            ..
        })
    ));
    let one = poster::procedures([("1.001193", "Tên", "https://a.vn", None)]);
    for title in ["", "  ", "a\nb", &"Ủy ban nhân dân ".repeat(12)] {
        assert_eq!(render(&one, &PosterOptions::new(title)), Err(Error::Title), "{title:?}");
    }
    // Lists built in code get the CSV checks too.
    let bad = poster::procedures([("1.001193", "Tên", "javascript:alert(1)", None)]);
    assert_eq!(
        render(&bad, &PosterOptions::new("UBND")),
        Err(Error::UrlInvalid { row: 1 })
    );
}

#[test]
fn markup_in_names_is_escaped() {
    let list = poster::procedures([("1.001193", "A <b>&\"x\"</b>", "https://a.vn/?a=1&b=2", Some("<g>"))]);
    let p = render(&list, &PosterOptions::new("UBND <xã>")).unwrap();
    let page = &p.pages()[0];
    assert!(page.contains("A &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
    assert!(!page.contains("<b>") && !page.contains("<g>") && !page.contains("<xã>"));
    assert!(p.to_html().contains("<title>UBND &lt;xã&gt;</title>"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any bytes: an answer, never a panic; a row an error names exists.
    #[test]
    fn read_csv_never_panics(body in proptest::collection::vec(any::<u8>(), 0..400), valid in any::<bool>()) {
        let mut bytes = b"code,name,url\n".to_vec();
        if valid {
            bytes.extend(String::from_utf8_lossy(&body).bytes());
        } else {
            bytes.extend(&body);
        }
        let lines = bytes.split(|&b| b == b'\n' || b == b'\r').count() as u64;
        match read_csv(&bytes) {
            Ok(list) => {
                let p = render(&list, &PosterOptions::new("UBND"));
                if let Err(e) = p {
                    prop_assert!(matches!(e, Error::TextTooLong { .. }), "{e:?}");
                }
            }
            Err(e) => prop_assert!(e.row().is_none_or(|r| r >= 1 && r <= lines + 1), "{e:?} {lines}"),
        }
    }
}

// ------------------------------------------------------------------ sheet

const SCAN: &str = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";

fn opts(dossier: Option<&str>, masked: bool) -> SheetOptions<'_> {
    SheetOptions {
        office: "Bộ phận Một cửa UBND xã Minh Khai",
        scanned_at: VIETNAM.with_ymd_and_hms(2026, 11, 20, 9, 15, 0).unwrap(),
        dossier,
        allowed_bases: &[],
        masked,
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn receipt(privacy: Privacy) -> String {
    dossier::encode(
        &dossier::sample_receipt(),
        &EncodeOptions {
            privacy,
            ..EncodeOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn sheet_lists_the_fields_link_scan_and_signature() {
    let r = cccd::repair(SCAN).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    let s = sheet::render(&card, r.repairs(), &opts(None, false)).unwrap();
    let html = s.to_html();
    for want in [
        "<td>001090123456</td>",
        "<td>123456789</td>",
        "<td>Nguyễn Văn A</td>",
        "<td>01/01/1990</td>",
        "<td>Nam</td>",
        "<td>Số 1 Phố X, Phường Y, Quận Z, Hà Nội</td>",
        "<td>15/04/2021</td>",
        "<td>01/01/2030</td>",
        "☑ Số CMND cũ <strong>123456789</strong> và số định danh cá nhân <strong>001090123456</strong>",
        "Quét mã QR lúc 09:15 ngày 20/11/2026 tại Bộ phận Một cửa UBND xã Minh Khai.",
        "(Ký, ghi rõ họ tên)",
        "Công chức tiếp nhận",
        "đã bỏ ký tự CR/LF/TAB máy quét thêm ở cuối",
        "@page { size: A4;",
    ] {
        assert!(html.contains(want), "missing {want}");
    }
    assert!(!html.contains("<svg"), "no dossier, no QR");
    assert!(html.contains(s.fragment()));
    assert!(!format!("{s:?}").contains("090123"), "Debug shows no personal data");
}

#[test]
fn sheet_without_old_id_without_expiry_and_expired() {
    let samples = cccd::samples();
    // The CR LF sample has no old ID.
    let r = cccd::repair(&samples[1].1).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    let html = sheet::render(&card, r.repairs(), &opts(None, false)).unwrap().to_html();
    assert!(html.contains("<td>Không có</td>"));
    assert!(html.contains("☐ Mã QR trên thẻ không có số CMND cũ"));
    assert!(!html.contains("☑"));
    let r = cccd::repair(&samples[4].1).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    let html = sheet::render(&card, r.repairs(), &opts(None, false)).unwrap().to_html();
    assert!(html.contains("<td>Không thời hạn</td>"));
    assert!(html.contains("đã chuẩn hóa chữ Việt dạng tổ hợp (NFD)"));
    assert!(html.contains("Hoàng Đức Thắng"), "NFC on the sheet");
    // Expired: a 1990 card holder's card expires on 2030-01-01.
    let r = cccd::repair(SCAN).unwrap();
    let card = r.parse_as_of(NaiveDate::from_ymd_opt(2030, 6, 1).unwrap()).unwrap();
    let html = sheet::render(&card, r.repairs(), &opts(None, false)).unwrap().to_html();
    assert!(html.contains("thẻ đã hết hạn sử dụng (tính đến ngày 01/06/2030)"));
}

#[test]
fn masked_sheet_shows_no_full_identifiers() {
    let r = cccd::repair(SCAN).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    let masked_receipt = receipt(Privacy::Masked);
    let html = sheet::render(&card, r.repairs(), &opts(Some(&masked_receipt), true))
        .unwrap()
        .to_html();
    // 01/01/2030 is the expiry date and the 40th birthday (issue #19).
    for secret in [
        "001090123456",
        "123456789",
        "Nguyễn Văn A",
        "01/01/1990",
        "01/01/2030",
        "Số 1 Phố X",
        "001*",
    ] {
        assert!(!html.contains(secret), "{secret} leaked");
    }
    for want in [
        "*********456",
        "******789",
        "N. V. A.",
        "**/**/1990",
        "**/**/2030",
        "***, Hà Nội",
        "BẢN SAO",
    ] {
        assert!(html.contains(want), "missing {want}");
    }
    // The full-ID receipt cannot go on a masked copy.
    let full = receipt(Privacy::Full);
    assert_eq!(
        sheet::render(&card, r.repairs(), &opts(Some(&full), true)),
        Err(Error::DossierNotMasked)
    );
}

#[test]
fn sheet_with_dossier_has_its_qr_and_fields_and_checks_the_applicant() {
    let r = cccd::repair(SCAN).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    for privacy in [Privacy::Full, Privacy::Masked, Privacy::Omitted] {
        let payload = receipt(privacy);
        let html = sheet::render(&card, r.repairs(), &opts(Some(&payload), false))
            .unwrap()
            .to_html();
        assert!(html.contains("<div class=\"ms-qr\"><svg"));
        assert!(html.contains("<td>000.00.53.H48-261120-0042</td>"));
        assert!(html.contains("<td>1.001612</td>"));
        assert!(html.contains("<td>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</td>"));
        assert!(html.contains("<td>14:00 ngày 27/11/2026</td>"));
        // The QR comes before the nation header: top-left.
        assert!(html.find("ms-qr") < html.find("CỘNG HÒA"));
    }
    // Someone else's dossier.
    let samples = cccd::samples();
    let other = cccd::repair(&samples[1].1).unwrap();
    let other_card = other.parse_as_of(today()).unwrap();
    for privacy in [Privacy::Full, Privacy::Masked] {
        assert_eq!(
            sheet::render(&other_card, other.repairs(), &opts(Some(&receipt(privacy)), false)),
            Err(Error::DossierApplicant)
        );
    }
    // Not a dossier QR: the dossier module's own error inside.
    let e = sheet::render(&card, r.repairs(), &opts(Some("https://example.vn/"), false)).unwrap_err();
    assert_eq!(e.code(), "sheet_dossier");
    assert!(matches!(e, Error::Dossier(_)));
}

#[test]
fn a_valid_dossier_payload_too_long_for_a_qr_code_says_so() {
    // A payload that decodes (an unknown tag is tolerated) but holds 3,365
    // bytes, more than a QR code at the sheet's level carries in byte mode:
    // the sheet said "longer than 4096 bytes" before #21.
    let r = cccd::repair(SCAN).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    let mut payload = receipt(Privacy::Full);
    payload.push_str("/ZZ:");
    while payload.len() < 3365 {
        payload.push('x');
    }
    assert_eq!(payload.len(), 3365);
    assert!(dossier::decode(&payload).is_ok());
    let e = sheet::render(&card, r.repairs(), &opts(Some(&payload), false)).unwrap_err();
    assert_eq!(e.code(), "sheet_dossier_qr");
    assert!(
        matches!(e, Error::DossierQr(motcua::qr::Error::TooLong { max_version: 40, .. })),
        "{e:?}"
    );
    assert!(
        !e.message().contains("4096") && e.message().contains("version 40"),
        "{e}"
    );
    assert!(e.message_vi().contains("không vừa"), "{}", e.message_vi());
}

#[test]
fn sheet_office_is_required_and_escaped() {
    let r = cccd::repair(SCAN).unwrap();
    let card = r.parse_as_of(today()).unwrap();
    for office in ["", "   ", "UBND\u{0}"] {
        let o = SheetOptions {
            office,
            ..opts(None, false)
        };
        assert_eq!(sheet::render(&card, r.repairs(), &o), Err(Error::Office));
    }
    let o = SheetOptions {
        office: "UBND <xã> & \"phường\"",
        ..opts(None, false)
    };
    let html = sheet::render(&card, r.repairs(), &o).unwrap().to_html();
    assert!(html.contains("UBND &lt;xã&gt; &amp; &quot;phường&quot;"));
    // A scan time outside +07:00 says its offset.
    let o = SheetOptions {
        scanned_at: chrono::FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 20, 2, 15, 0)
            .unwrap(),
        ..opts(None, false)
    };
    let html = sheet::render(&card, r.repairs(), &o).unwrap().to_html();
    assert!(html.contains("02:15 ngày 20/11/2026 (UTC+00:00)"));
}

/// `render_scan` is the counter's flow: repair, parse as of the scan date
/// (or `as_of`), render; its defaults are the scan time = now in +07:00.
#[test]
fn render_scan_repairs_parses_and_renders_with_the_defaults() {
    use motcua::print::sheet::{render_scan, ScanSheetError, ScanSheetOptions};
    let base = opts(None, false);
    let scan_opts = |scanned_at, as_of| ScanSheetOptions {
        office: base.office,
        scanned_at,
        as_of,
        dossier: None,
        allowed_bases: &[],
        masked: false,
    };
    // Both given: exactly the sheet of the three steps done by hand.
    let r = cccd::repair(SCAN).unwrap();
    let by_hand = sheet::render(&r.parse_as_of(today()).unwrap(), r.repairs(), &base).unwrap();
    let flow = render_scan(SCAN.as_bytes(), &scan_opts(Some(base.scanned_at), Some(today()))).unwrap();
    assert_eq!(flow, by_hand);

    // No as_of: the card is judged on the scan date. Scanned before its
    // issue date (15/04/2021), it is refused; judged on a later date, not.
    let early = VIETNAM.with_ymd_and_hms(2021, 4, 10, 8, 0, 0).unwrap();
    let e = render_scan(SCAN.as_bytes(), &scan_opts(Some(early), None)).unwrap_err();
    assert_eq!(e, ScanSheetError::Card(cccd::Error::IssueDateInFuture));
    assert_eq!(e.code(), "issue_date_in_future");
    assert_eq!(e.message_vi(), cccd::Error::IssueDateInFuture.message_vi());
    let later = render_scan(SCAN.as_bytes(), &scan_opts(Some(early), Some(today()))).unwrap();
    assert!(later.fragment().contains("ngày 10/04/2021 tại"));

    // No scan time: now, in Vietnam (the date read before and after, in
    // case the call straddles midnight).
    let before = cccd::today_vn();
    let now = render_scan(SCAN.as_bytes(), &scan_opts(None, None)).unwrap();
    let after = cccd::today_vn();
    let shown = |d: NaiveDate| format!("ngày {} tại", d.format("%d/%m/%Y"));
    assert!(now.fragment().contains(&shown(before)) || now.fragment().contains(&shown(after)));

    // Errors keep the inner error's code: a card's, or the sheet's.
    let not_utf8 = render_scan(b"\xff001090123456", &scan_opts(None, None)).unwrap_err();
    assert_eq!(not_utf8.code(), "not_utf8");
    let mut no_office = scan_opts(None, None);
    no_office.office = " ";
    let e = render_scan(SCAN.as_bytes(), &no_office).unwrap_err();
    assert_eq!(e, ScanSheetError::Sheet(Error::Office));
    assert_eq!(e.to_string(), Error::Office.to_string());
}
