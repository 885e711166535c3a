//! Scanner lines from a byte stream, in constant memory.

use std::io::{self, BufRead};

/// Calls `f(line_number, bytes)` for each non-blank line (blank = only
/// spaces/tabs; still counted), in constant memory; `true` when every call
/// returned `true`.
pub(crate) fn each_payload(
    input: &mut impl BufRead,
    max: usize,
    mut f: impl FnMut(u64, &[u8]) -> io::Result<bool>,
) -> io::Result<bool> {
    let mut all_ok = true;
    let mut buf = Vec::with_capacity(512);
    let mut line = 0;
    while read_line(input, &mut buf, max)? {
        line += 1;
        if buf.iter().all(|b| matches!(b, b'\t' | b' ')) {
            continue;
        }
        all_ok &= f(line, &buf)?;
    }
    Ok(all_ok)
}

/// Reads the next line into `out` (cleared first), ending at LF, CR or CRLF
/// — keyboard-wedge scanners are set to send either, and serial-port logs
/// keep a bare CR. The terminator is not kept. At most `max + 1` bytes are
/// kept, so an over-long line is seen as longer than `max` while the rest of
/// it is skipped. Returns `false` at the end of the input.
pub(crate) fn read_line(input: &mut impl BufRead, out: &mut Vec<u8>, max: usize) -> io::Result<bool> {
    out.clear();
    let mut read_any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let end = buf.iter().position(|&b| b == b'\n' || b == b'\r');
        let body = buf.get(..end.unwrap_or(buf.len())).unwrap_or_default();
        let room = (max + 1).saturating_sub(out.len());
        out.extend_from_slice(body.get(..room.min(body.len())).unwrap_or_default());
        let Some(at) = end else {
            let n = buf.len();
            input.consume(n);
            continue;
        };
        let cr = buf.get(at) == Some(&b'\r');
        input.consume(at + 1);
        if cr && input.fill_buf()?.first() == Some(&b'\n') {
            input.consume(1);
        }
        return Ok(true);
    }
}

/// The scan a person types or a scanner sends on stdin: the first
/// non-blank line, read as `motcua cccd` reads lines (the line end is not
/// part of the scan, an over-long line is `too_long`, not an I/O error;
/// bytes that are not UTF-8 are `not_utf8`), with a prompt on a terminal.
pub(crate) fn read_scan_from_stdin() -> io::Result<Vec<u8>> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        eprintln!("motcua: quét mã QR trên thẻ / scan the card's QR (one line)");
    }
    let mut line = Vec::new();
    let mut input = io::stdin().lock();
    while read_line(&mut input, &mut line, motcua::cccd::MAX_PAYLOAD_LEN)? {
        if !line.iter().all(|b| matches!(b, b'\t' | b' ')) {
            break;
        }
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize, buf_size: usize) -> Vec<Vec<u8>> {
        let mut r = io::BufReader::with_capacity(buf_size, input);
        let mut out = Vec::new();
        let mut line = Vec::new();
        while read_line(&mut r, &mut line, max).unwrap() {
            out.push(line.clone());
        }
        out
    }

    #[test]
    fn lf_cr_and_crlf_each_end_one_line() {
        for size in [1, 2, 3, 64] {
            let got = lines(b"a\nb\r\nc\rd\r\r\ne", 100, size);
            assert_eq!(got, [&b"a"[..], b"b", b"c", b"d", b"", b"e"], "buffer {size}");
            assert_eq!(lines(b"a\r\n", 100, size), [b"a"]);
            assert_eq!(lines(b"", 100, size), Vec::<Vec<u8>>::new());
            assert_eq!(lines(b"\n", 100, size), [b""]);
        }
    }

    #[test]
    fn long_lines_are_cut_at_max_plus_one_and_the_rest_skipped() {
        let mut input = vec![b'7'; 10_000];
        input.extend_from_slice(b"\r\nok\n");
        for size in [1, 7, 8192] {
            let got = lines(&input, 16, size);
            assert_eq!(got, [vec![b'7'; 17], b"ok".to_vec()], "buffer {size}");
        }
    }
}
