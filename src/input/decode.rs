//! Bytes to UTF-8 before anything reads them: byte-order marks, UTF-16 streams and the
//! charset an HTML page declares.
//!
//! - A UTF-8 byte-order mark is not part of the text: it is dropped, and offsets count from
//!   the byte after it (as in every Unicode-aware reader).
//! - A UTF-16 (LE or BE) byte-order mark switches the stream to a decoder: everything above
//!   ([`Decoded`]) sees UTF-8, as it streams, so JSON Lines in UTF-16 are still read one
//!   line at a time.
//! - An HTML page that is not valid UTF-8 is decoded from the charset it declares in its
//!   first [`PRESCAN_BYTES`] bytes, with `encoding_rs` (the WHATWG Encoding Standard).
//!
//! Plain text without a byte-order mark is UTF-8; invalid bytes are repaired by the caller.

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How far into a page its `<meta>` charset declaration is looked for. The Encoding
/// Standard's prescan reads 1024 bytes; pages in the wild put long scripts first.
pub(crate) const PRESCAN_BYTES: usize = 4096;

/// What is left of a stream's first bytes after its byte-order mark, then the stream.
pub(crate) type Head<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// A byte stream as UTF-8: as it was (its UTF-8 byte-order mark dropped), or decoded from
/// UTF-16 on the fly.
pub(crate) enum Decoded<R> {
    /// UTF-8, or bytes that will be repaired as if they were.
    Utf8(Head<R>),
    /// Decoded from the encoding its byte-order mark named.
    Transcoded(BufReader<Transcoder<Head<R>>>, &'static Encoding),
}

impl<R: BufRead> Decoded<R> {
    /// Reads the byte-order mark at the start of `reader`, if any, and consumes it.
    pub(crate) fn new(mut reader: R) -> io::Result<Decoded<R>> {
        // Usually the buffer holds the three bytes a mark needs; a pipe may give fewer at
        // first, and then they are gathered (and given back when they are no mark).
        let mut head = Vec::new();
        let buffered = fill(&mut reader)?;
        let mark = if buffered.len() >= 3 {
            let mark = Encoding::for_bom(buffered);
            if let Some((_, len)) = mark {
                reader.consume(len);
            }
            mark
        } else {
            while head.len() < 3 {
                let buf = fill(&mut reader)?;
                if buf.is_empty() {
                    break;
                }
                let n = buf.len().min(3 - head.len());
                head.extend_from_slice(&buf[..n]);
                reader.consume(n);
            }
            let mark = Encoding::for_bom(&head);
            if let Some((_, len)) = mark {
                head.drain(..len);
            }
            mark
        };
        let stream = io::Cursor::new(head).chain(reader);
        match mark {
            Some((encoding, _)) if encoding != UTF_8 => {
                let transcoder = Transcoder {
                    inner: stream,
                    decoder: encoding.new_decoder_without_bom_handling(),
                    out: Vec::new(),
                    pos: 0,
                    done: false,
                };
                Ok(Decoded::Transcoded(
                    BufReader::with_capacity(1 << 16, transcoder),
                    encoding,
                ))
            }
            _ => Ok(Decoded::Utf8(stream)),
        }
    }

    /// The encoding the stream was decoded from; `None` for UTF-8.
    pub(crate) fn encoding(&self) -> Option<&'static Encoding> {
        match self {
            Decoded::Utf8(_) => None,
            Decoded::Transcoded(_, e) => Some(e),
        }
    }
}

/// `fill_buf`, retried when a signal interrupts it.
pub(crate) fn fill(reader: &mut impl BufRead) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // The borrow checker cannot see that the loop ends here: fill again.
            Ok(_) => break,
            Err(e) => return Err(e),
        }
    }
    reader.fill_buf()
}

impl<R: BufRead> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Utf8(r) => r.read(buf),
            Decoded::Transcoded(r, _) => r.read(buf),
        }
    }
}

impl<R: BufRead> BufRead for Decoded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Decoded::Utf8(r) => r.fill_buf(),
            Decoded::Transcoded(r, _) => r.fill_buf(),
        }
    }

    fn consume(&mut self, amt: usize) {
        match self {
            Decoded::Utf8(r) => r.consume(amt),
            Decoded::Transcoded(r, _) => r.consume(amt),
        }
    }
}

/// Decodes a stream into UTF-8 as it is read, one buffer of input at a time (malformed
/// sequences become U+FFFD).
pub(crate) struct Transcoder<R> {
    inner: R,
    decoder: Decoder,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: BufRead> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() {
            if self.done {
                return Ok(0);
            }
            let input = fill(&mut self.inner)?;
            let input = &input[..input.len().min(1 << 16)];
            let last = input.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(4 * input.len() + 16);
            self.out.clear();
            self.out.resize(room, 0);
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.out.truncate(written);
            self.pos = 0;
            self.inner.consume(read);
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The encoding an HTML page declares in its first [`PRESCAN_BYTES`] bytes:
/// `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. A
/// declared UTF-16 means UTF-8, as the Encoding Standard says (the page would have a
/// byte-order mark otherwise).
pub(crate) fn declared_charset(html: &[u8]) -> Option<&'static Encoding> {
    let head = &html[..html.len().min(PRESCAN_BYTES)];
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &head[i..]) {
        let name = i + off + 1;
        let is_meta = head
            .get(name..name + 4)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"meta"))
            && head
                .get(name + 4)
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/');
        if !is_meta {
            i = name;
            continue;
        }
        let end = memchr::memchr(b'>', &head[name..]).map_or(head.len(), |e| name + e);
        if let Some(e) = charset_in(&head[name..end]) {
            return Some(if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else {
                e
            });
        }
        i = end;
    }
    None
}

/// The encoding named by the first `charset=LABEL` in a tag.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + p + b"charset".len();
        from = j;
        while lower.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower
            .get(j)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'"' || *c == b'\'')
        {
            j += 1;
        }
        let start = j;
        while lower
            .get(j)
            .is_some_and(|c| !c.is_ascii_whitespace() && !b"\"';>/".contains(c))
        {
            j += 1;
        }
        return Encoding::for_label(&tag[start..j]);
    }
    None
}

/// `bytes` decoded from `encoding`, malformed sequences replaced with U+FFFD.
pub(crate) fn transcode(bytes: &[u8], encoding: &'static Encoding) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (String, Option<&'static str>) {
        let mut d = Decoded::new(bytes).unwrap();
        let enc = d.encoding().map(Encoding::name);
        let mut s = String::new();
        d.read_to_string(&mut s).unwrap();
        (s, enc)
    }

    #[test]
    fn byte_order_marks() {
        assert_eq!(decoded(b"\xEF\xBB\xBFabc"), ("abc".into(), None));
        assert_eq!(decoded(b"abc"), ("abc".into(), None));
        assert_eq!(decoded(b""), (String::new(), None));
        assert_eq!(
            decoded(b"\xFF\xFEa\0\x1C\x20"),
            ("a\u{201C}".into(), Some("UTF-16LE"))
        );
        assert_eq!(
            decoded(b"\xFE\xFF\0a\x20\x1D"),
            ("a\u{201D}".into(), Some("UTF-16BE"))
        );
    }

    #[test]
    fn a_mark_split_over_reads_is_still_a_mark() {
        // One byte per read, as a slow pipe may give.
        let slow = |bytes: &'static [u8]| BufReader::with_capacity(1, bytes);
        let mut s = String::new();
        Decoded::new(slow(b"\xEF\xBB\xBFab"))
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "ab");
        let mut s = String::new();
        Decoded::new(slow(b"ab"))
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "ab");
        let d = Decoded::new(slow(b"\xFF\xFEa\0")).unwrap();
        assert_eq!(d.encoding().map(Encoding::name), Some("UTF-16LE"));
    }

    #[test]
    fn a_long_utf16_stream_decodes_across_buffers() {
        let text = "\u{201C}Yes,\u{201D} she said. ".repeat(20_000);
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let reader = BufReader::with_capacity(1000, &bytes[..]);
        let mut d = Decoded::new(reader).unwrap();
        let mut s = String::new();
        d.read_to_string(&mut s).unwrap();
        assert_eq!(s, text);
    }

    #[test]
    fn declared_charsets() {
        let name = |html: &str| declared_charset(html.as_bytes()).map(Encoding::name);
        assert_eq!(
            name("<html><head><meta charset=windows-1252>"),
            Some("windows-1252")
        );
        assert_eq!(name("<META CHARSET=\"ISO-8859-1\"/>"), Some("windows-1252"));
        assert_eq!(
            name("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            Some("Shift_JIS")
        );
        assert_eq!(name("<meta charset='utf-16'>"), Some("UTF-8"));
        assert_eq!(name("<meta name=x content=y><p>charset=koi8-r</p>"), None);
        assert_eq!(name("<metadata charset=koi8-r>"), None);
        assert_eq!(name("<meta charset=nonsense>"), None);
        assert_eq!(name("no markup at all"), None);
    }
}
