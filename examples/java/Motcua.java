// A JNA binding of libmotcua for Java portals, and its test (main).
//
//   javac -cp /usr/share/java/jna.jar Motcua.java
//   java -cp /usr/share/java/jna.jar:. -Djna.library.path=PREFIX/lib Motcua
//
// Debian: apt-get install libjna-java. Structures mirror include/motcua.h
// (C bool is one byte: mapped to byte; size_t to SizeT). The input of a
// parse lives in a com.sun.jna.Memory the caller keeps while it reads the
// card: the card's text views may point into it (zero-copy). Synthetic data.
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.LongByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class Motcua {
    public static final int OK = 0, LANG_EN = 0, LANG_VI = 1;
    public static final int REPAIR_STRIP_SUFFIX = 2, REPAIR_MOJIBAKE = 4;

    public static class SizeT extends IntegerType {
        public SizeT() { this(0); }
        public SizeT(long v) { super(Native.SIZE_T_SIZE, v, true); }
    }

    @Structure.FieldOrder({"data", "len"})
    public static class Str extends Structure {
        public Pointer data;
        public SizeT len;
        public static class ByValue extends Str implements Structure.ByValue {}
        public String text() {
            long n = len.longValue();
            return n == 0 ? "" : new String(data.getByteArray(0, (int) n), StandardCharsets.UTF_8);
        }
    }

    @Structure.FieldOrder({"year", "month", "day"})
    public static class Date extends Structure {
        public short year;
        public byte month, day;
        public Date() {}
        public Date(int y, int m, int d) { year = (short) y; month = (byte) m; day = (byte) d; }
        @Override public String toString() { return String.format("%02d/%02d/%04d", day, month, year); }
    }

    @Structure.FieldOrder({"layout", "sex", "id", "old_id", "name", "address", "extra", "birth_date",
        "issue_date", "expiry_date", "as_of", "province_code", "province", "born_abroad", "has_expiry",
        "expired", "issued_before_chip_era", "repairs", "owns_text", "buffer"})
    public static class Card extends Structure {
        public int layout, sex;
        public Str id, old_id, name, address;
        public Str[] extra = (Str[]) new Str().toArray(4);
        public Date birth_date, issue_date, expiry_date, as_of;
        public short province_code;
        public Str province;
        public byte born_abroad, has_expiry, expired, issued_before_chip_era;
        public int repairs;
        public byte owns_text;
        public Pointer buffer;
    }

    public interface Lib extends Library {
        Lib C = Native.load("motcua", Lib.class);
        String motcua_version();
        int motcua_cccd_parse_scanned(Pointer input, SizeT len, Date asOf, Card out);
        void motcua_card_free(Card card);
        int motcua_cccd_mask_id(byte[] id, SizeT len, byte[] buf, SizeT bufLen, LongByReference outN);
        int motcua_error_message(int result, int lang, byte[] buf, SizeT len, LongByReference outN);
        Str.ByValue motcua_error_code_str(int result);
    }

    /** An error code of the library with both messages; never carries input text. */
    public static final class MotcuaException extends Exception {
        public final String code, messageVi;
        MotcuaException(int result) {
            super(message(result, LANG_EN));
            code = Lib.C.motcua_error_code_str(result).text();
            messageVi = message(result, LANG_VI);
        }
    }

    static String message(int result, int lang) {
        byte[] buf = new byte[512];
        LongByReference n = new LongByReference();
        if (Lib.C.motcua_error_message(result, lang, buf, new SizeT(buf.length), n) != OK) return "";
        return new String(buf, 0, (int) n.getValue(), StandardCharsets.UTF_8);
    }

    /** The fields of a card, copied into Java strings. */
    public record Fields(String id, String name, String birthDate, String address, String expiry,
                         int repairs, boolean ownsText) {}

    /** Parses what a scanner typed (with the repairs); null asOf = today. */
    public static Fields parseScanned(String scan, Date asOf) throws MotcuaException {
        byte[] bytes = scan.getBytes(StandardCharsets.UTF_8);
        Memory input = new Memory(Math.max(1, bytes.length)); // alive while the card is read
        input.write(0, bytes, 0, bytes.length);
        Card card = new Card();
        int rc = Lib.C.motcua_cccd_parse_scanned(input, new SizeT(bytes.length), asOf, card);
        if (rc != OK) throw new MotcuaException(rc);
        try {
            return new Fields(card.id.text(), card.name.text(), card.birth_date.toString(),
                card.address.text(), card.has_expiry != 0 ? card.expiry_date.toString() : "không thời hạn",
                card.repairs, card.owns_text != 0);
        } finally {
            Lib.C.motcua_card_free(card);
        }
    }

    public static String maskId(String id) throws MotcuaException {
        byte[] in = id.getBytes(StandardCharsets.UTF_8), buf = new byte[16];
        LongByReference n = new LongByReference();
        int rc = Lib.C.motcua_cccd_mask_id(in, new SizeT(in.length), buf, new SizeT(buf.length), n);
        if (rc != OK) throw new MotcuaException(rc);
        return new String(buf, 0, (int) n.getValue(), StandardCharsets.US_ASCII);
    }

    // ---- the test ----

    static final String A =
        "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
    static final Date TODAY = new Date(2026, 11, 23);
    static int passed, failed;

    interface Check { void run() throws Exception; }

    static void test(String name, Check c) {
        try {
            c.run();
            passed++;
            System.out.println("test " + name + " ... ok");
        } catch (Throwable t) {
            failed++;
            System.out.println("test " + name + " ... FAILED: " + t);
        }
    }

    static void eq(Object want, Object got) {
        if (!want.equals(got)) throw new AssertionError("want " + want + ", got " + got);
    }

    /** UTF-8 bytes read as Windows-1252, as a keyboard-wedge scanner types them. */
    static String garble(String s) {
        // Bytes 0x80–0x9F in Windows-1252 (WHATWG: the 5 undefined ones map to C1 controls).
        String cp1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xff;
            out.append(u >= 0x80 && u < 0xa0 ? cp1252.charAt(u - 0x80) : (char) u);
        }
        return out.toString();
    }

    public static void main(String[] args) {
        test("version", () -> eq(true, Lib.C.motcua_version().matches("\\d+\\.\\d+\\.\\d+")));
        test("clean_scan_is_zero_copy", () -> {
            Fields f = parseScanned(A + "\r\n", TODAY);
            eq("Nguyễn Văn A", f.name());
            eq("01/01/1990", f.birthDate());
            eq("01/01/2030", f.expiry());
            eq(REPAIR_STRIP_SUFFIX, f.repairs());
            eq(false, f.ownsText());
        });
        test("mojibake_is_repaired_and_reported", () -> {
            Fields f = parseScanned(garble(A), TODAY);
            eq("Số 1 Phố X, Phường Y, Quận Z, Hà Nội", f.address());
            eq(REPAIR_MOJIBAKE, f.repairs());
            eq(true, f.ownsText());
        });
        test("error_in_both_languages_without_input", () -> {
            try {
                parseScanned(A.replace("|Nam|", "|Khác|"), TODAY);
                throw new AssertionError("no error");
            } catch (MotcuaException e) {
                eq("sex_invalid", e.code);
                eq("Giới tính phải là 'Nam' hoặc 'Nữ'", e.messageVi);
                eq(false, e.getMessage().contains("Khác"));
            }
        });
        test("mask_id", () -> eq("*********456", maskId("001090123456")));
        System.out.printf("test result: %s. %d passed; %d failed; 0 ignored%n", failed == 0 ? "ok" : "FAILED",
            passed, failed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
