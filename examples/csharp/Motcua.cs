// P/Invoke over libmotcua (include/motcua.h) for .NET and Mono portals:
// parses a CCCD scan and makes a dossier QR payload. Synthetic data only.
//
//   mcs -out:motcua-example.exe examples/csharp/Motcua.cs
//   LD_LIBRARY_PATH=$PREFIX/lib mono motcua-example.exe      (Windows: motcua.dll beside the exe)
//
// What P/Invoke users must know (the header says it too):
// * the calling convention is the platform's C one (cdecl; on x64 Windows the
//   one x64 convention);
// * every text is UTF-8 with an explicit length (`motcua_str {data, len}`), not
//   NUL-terminated UTF-16: marshal byte arrays, not `string`;
// * `bool` fields are 1 byte (C `bool`): declared `byte` here, so that every
//   struct is blittable;
// * a struct the library fills must be freed with its `_free` function.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Motcua
{
    [StructLayout(LayoutKind.Sequential)]
    public struct Str
    {
        public IntPtr Data;
        public UIntPtr Len;

        public override string ToString()
        {
            int n = (int)Len.ToUInt64();
            if (n == 0) return "";
            var bytes = new byte[n];
            Marshal.Copy(Data, bytes, 0, n);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Text
    {
        public IntPtr Data;
        public UIntPtr Len;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Date
    {
        public ushort Year;
        public byte Month;
        public byte Day;

        public override string ToString() => Year == 0 ? "" : $"{Day:D2}/{Month:D2}/{Year:D4}";
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Card
    {
        public uint Layout;
        public uint Sex;
        public Str Id;
        public Str OldId;
        public Str Name;
        public Str Address;
        public Str Extra0, Extra1, Extra2, Extra3;
        public Date BirthDate;
        public Date IssueDate;
        public Date ExpiryDate;
        public Date AsOf;
        public ushort ProvinceCode;
        public Str Province;
        public byte BornAbroad;
        public byte HasExpiry;
        public byte Expired;
        public byte IssuedBeforeChipEra;
        public uint Repairs;
        public byte OwnsText;
        public IntPtr Buffer;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DateTimeVn
    {
        public Date Date;
        public byte Hour, Minute, Second;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Appointment
    {
        public Date Date;
        public byte HasTime, Hour, Minute;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DossierFields
    {
        public Str DossierCode;
        public Str ProcedureCode;
        public Str Applicant;
        public uint Paper;
        public Str PaperName;
        public Str System;
        public DateTimeVn IssuedAt;
        public Appointment Appointment;
        public uint Validity;
        public Date ValidityUntil;
        public Str ValidityText;
        public Str Scope;
    }

    public static class Native
    {
        const string Lib = "motcua"; // libmotcua.so, motcua.dll, libmotcua.dylib

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern uint motcua_cccd_parse_scanned(byte[] input, UIntPtr len, ref Date asOf, out Card card);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern void motcua_card_free(ref Card card);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern uint motcua_cccd_mask_id(byte[] id, UIntPtr len, byte[] buf, UIntPtr bufLen, out UIntPtr n);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern uint motcua_error_message(uint result, uint lang, byte[] buf, UIntPtr len, out UIntPtr n);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern Str motcua_error_code_str(uint result);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern uint motcua_dossier_encode(ref DossierFields fields, IntPtr opts, out Text payload);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        public static extern void motcua_text_free(ref Text text);
    }

    /// <summary>A MOTCUA_RESULT_* error with its stable code and both messages.</summary>
    public class MotcuaException : Exception
    {
        public string Code { get; }
        public string MessageVi { get; }

        public MotcuaException(uint result) : base(Describe(result, 0))
        {
            Code = Native.motcua_error_code_str(result).ToString();
            MessageVi = Describe(result, 1);
        }

        static string Describe(uint result, uint lang)
        {
            var buf = new byte[512]; // MOTCUA_MESSAGE_MAX
            Native.motcua_error_message(result, lang, buf, (UIntPtr)buf.Length, out UIntPtr n);
            return Encoding.UTF8.GetString(buf, 0, (int)n.ToUInt64());
        }
    }

    /// <summary>UTF-8 copies in unmanaged memory, for the views of an input struct.</summary>
    sealed class Utf8Arena : IDisposable
    {
        readonly System.Collections.Generic.List<IntPtr> blocks = new System.Collections.Generic.List<IntPtr>();

        public Str Of(string s)
        {
            if (s == null) return new Str();
            var bytes = Encoding.UTF8.GetBytes(s);
            var p = Marshal.AllocHGlobal(Math.Max(bytes.Length, 1));
            Marshal.Copy(bytes, 0, p, bytes.Length);
            blocks.Add(p);
            return new Str { Data = p, Len = (UIntPtr)bytes.Length };
        }

        public void Dispose()
        {
            foreach (var p in blocks) Marshal.FreeHGlobal(p);
            blocks.Clear();
        }
    }

    public static class Motcua
    {
        public const uint RepairStripSuffix = 2; // MOTCUA_REPAIR_STRIP_SUFFIX

        /// <summary>Parses what a scanner typed (repairs apply) as of a date; the card must be freed.</summary>
        public static Card ParseScanned(string scan, Date asOf)
        {
            var bytes = Encoding.UTF8.GetBytes(scan);
            uint r = Native.motcua_cccd_parse_scanned(bytes, (UIntPtr)bytes.Length, ref asOf, out Card card);
            if (r != 0) throw new MotcuaException(r);
            return card;
        }

        public static string MaskId(string id)
        {
            var bytes = Encoding.UTF8.GetBytes(id);
            var buf = new byte[16];
            uint r = Native.motcua_cccd_mask_id(bytes, (UIntPtr)bytes.Length, buf, (UIntPtr)buf.Length, out UIntPtr n);
            if (r != 0) throw new MotcuaException(r);
            return Encoding.ASCII.GetString(buf, 0, (int)n.ToUInt64());
        }

        /// <summary>The payload of a receipt's dossier QR (a status-lookup URL).</summary>
        public static string EncodeReceipt(string dossierCode, string procedure, string applicant, string system,
                                           DateTimeVn issuedAt, Appointment appointment)
        {
            using (var arena = new Utf8Arena())
            {
                var f = new DossierFields
                {
                    DossierCode = arena.Of(dossierCode),
                    ProcedureCode = arena.Of(procedure),
                    Applicant = arena.Of(applicant),
                    Paper = 1, // MOTCUA_PAPER_RECEIPT
                    System = arena.Of(system),
                    IssuedAt = issuedAt,
                    Appointment = appointment,
                };
                uint r = Native.motcua_dossier_encode(ref f, IntPtr.Zero, out Text payload);
                if (r != 0) throw new MotcuaException(r);
                try
                {
                    return Marshal.PtrToStringAnsi(payload.Data, (int)payload.Len.ToUInt64()); // ASCII URL
                }
                finally
                {
                    Native.motcua_text_free(ref payload);
                }
            }
        }
    }

    public static class Program
    {
        static int passed, failed;

        static void Check(bool ok, string what)
        {
            if (ok) passed++;
            else
            {
                failed++;
                Console.Error.WriteLine("FAILED: " + what);
            }
        }

        public static int Main()
        {
            var asOf = new Date { Year = 2026, Month = 11, Day = 23 };
            const string scan = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";
            var card = Motcua.ParseScanned(scan, asOf);
            try
            {
                Console.WriteLine($"{card.Name} ({Motcua.MaskId(card.Id.ToString())}), sinh {card.BirthDate}, {card.Province}");
                Check(card.Name.ToString() == "Nguyễn Văn A", "name");
                Check(card.Address.ToString() == "Số 1 Phố X, Phường Y, Quận Z, Hà Nội", "address");
                Check(card.BirthDate.ToString() == "01/01/1990" && card.ExpiryDate.ToString() == "01/01/2030", "dates");
                Check(card.Province.ToString() == "Hà Nội" && card.ProvinceCode == 1, "province");
                Check(card.Repairs == Motcua.RepairStripSuffix, "the CR LF the scanner added is reported");
                Check(card.HasExpiry == 1 && card.Expired == 0, "bool fields are one byte");
                Check(Motcua.MaskId("123456789") == "******789", "a CMND masked");
            }
            finally
            {
                Native.motcua_card_free(ref card);
            }
            Check(card.Buffer == IntPtr.Zero && card.Name.Data == IntPtr.Zero, "freed cards are zeroed");

            try
            {
                Motcua.ParseScanned(scan.Replace("|Nam|", "|Nữ|"), asOf);
                Check(false, "a sex mismatch throws");
            }
            catch (MotcuaException e)
            {
                Console.WriteLine($"{e.Code}: {e.MessageVi}");
                Check(e.Code == "id_sex_mismatch" && e.MessageVi.Contains("giới tính"), "error code and Vietnamese message");
                Check(!e.Message.Contains("001090123456") && !e.MessageVi.Contains("Nguyễn"), "no personal data in messages");
            }

            var payload = Motcua.EncodeReceipt(
                "000.00.53.H48-261120-0042", "1.001612", "001090123456",
                "Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi",
                new DateTimeVn { Date = new Date { Year = 2026, Month = 11, Day = 20 }, Hour = 9, Minute = 15 },
                new Appointment { Date = new Date { Year = 2026, Month = 11, Day = 27 }, HasTime = 1, Hour = 14 });
            Console.WriteLine(payload);
            Check(payload.StartsWith("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042&qr=1/TT:1.001612/DD:001090123456/GT:TN/HT:"), "payload");
            Check(payload.EndsWith("/TG:2611200915/HN:2611271400"), "payload times");

            Console.WriteLine($"test result: {(failed == 0 ? "ok" : "FAILED")}. {passed} passed; {failed} failed; 0 ignored");
            return failed == 0 ? 0 : 1;
        }
    }
}
