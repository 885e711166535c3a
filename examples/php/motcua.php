<?php
// PHP FFI over libmotcua (include/motcua.h): parses a CCCD scan and makes a
// dossier QR payload. Needs PHP 7.4+ with the FFI extension (php-cli has it;
// FFI::cdef works from the command line with the default ffi.enable=preload).
// Synthetic data only.
//
//   MOTCUA_LIB=$PREFIX/lib/libmotcua.so php examples/php/motcua.php
//
// FFI::cdef takes C declarations without the preprocessor, so the few the
// example uses are copied from include/motcua.h below (keep them in step).

declare(strict_types=1);

const DECLARATIONS = <<<'C'
typedef struct motcua_buffer motcua_buffer;
typedef struct motcua_str { const char *data; size_t len; } motcua_str;
typedef struct motcua_text { char *data; size_t len; } motcua_text;
typedef struct motcua_date { uint16_t year; uint8_t month; uint8_t day; } motcua_date;
typedef struct motcua_card {
    uint32_t layout; uint32_t sex;
    motcua_str id; motcua_str old_id; motcua_str name; motcua_str address; motcua_str extra[4];
    motcua_date birth_date; motcua_date issue_date; motcua_date expiry_date; motcua_date as_of;
    uint16_t province_code; motcua_str province;
    bool born_abroad; bool has_expiry; bool expired; bool issued_before_chip_era;
    uint32_t repairs; bool owns_text; motcua_buffer *buffer;
} motcua_card;
typedef struct motcua_datetime { motcua_date date; uint8_t hour; uint8_t minute; uint8_t second; } motcua_datetime;
typedef struct motcua_appointment { motcua_date date; uint8_t has_time; uint8_t hour; uint8_t minute; } motcua_appointment;
typedef struct motcua_dossier_fields {
    motcua_str dossier_code; motcua_str procedure_code; motcua_str applicant;
    uint32_t paper; motcua_str paper_name; motcua_str system;
    motcua_datetime issued_at; motcua_appointment appointment;
    uint32_t validity; motcua_date validity_until; motcua_str validity_text; motcua_str scope;
} motcua_dossier_fields;
uint32_t motcua_cccd_parse_scanned(const char *input, size_t len, const motcua_date *as_of, motcua_card *out);
void motcua_card_free(motcua_card *card);
uint32_t motcua_cccd_mask_id(const char *id, size_t len, char *buf, size_t buf_len, size_t *out_n);
uint32_t motcua_error_message(uint32_t result, uint32_t lang, char *buf, size_t len, size_t *out_n);
motcua_str motcua_error_code_str(uint32_t result);
uint32_t motcua_dossier_encode(const motcua_dossier_fields *fields, const void *opts, motcua_text *out);
void motcua_text_free(motcua_text *text);
C;

final class MotcuaError extends RuntimeException
{
    public function __construct(public readonly string $errorCode, string $message, public readonly string $messageVi)
    {
        parent::__construct($message);
    }
}

final class Motcua
{
    public const REPAIR_STRIP_SUFFIX = 2;
    public const PAPER_RECEIPT = 1;

    private FFI $ffi;
    /** @var list<FFI\CData> texts kept alive while a struct points at them */
    private array $keep = [];

    public function __construct(string $library)
    {
        $this->ffi = FFI::cdef(DECLARATIONS, $library);
    }

    public static function text(FFI\CData $s): string
    {
        return $s->len === 0 ? '' : FFI::string($s->data, $s->len);
    }

    private function str(string $s): FFI\CData
    {
        $v = $this->ffi->new('motcua_str');
        $n = strlen($s);
        $buf = $this->ffi->new("char[" . max($n, 1) . "]");
        FFI::memcpy($buf, $s, $n);
        $this->keep[] = $buf;
        $v->data = FFI::cast('const char *', FFI::addr($buf[0]));
        $v->len = $n;
        return $v;
    }

    private function error(int $result): MotcuaError
    {
        $message = function (int $lang) use ($result): string {
            $buf = $this->ffi->new('char[512]');
            $n = $this->ffi->new('size_t');
            $this->ffi->motcua_error_message($result, $lang, $buf, 512, FFI::addr($n));
            return FFI::string($buf, $n->cdata);
        };
        return new MotcuaError(self::text($this->ffi->motcua_error_code_str($result)), $message(0), $message(1));
    }

    /** Parses what a scanner typed (repairs apply): the card's fields as an array. */
    public function parseScanned(string $scan, int $year, int $month, int $day): array
    {
        $asOf = $this->ffi->new('motcua_date');
        [$asOf->year, $asOf->month, $asOf->day] = [$year, $month, $day];
        $card = $this->ffi->new('motcua_card');
        $r = $this->ffi->motcua_cccd_parse_scanned($scan, strlen($scan), FFI::addr($asOf), FFI::addr($card));
        if ($r !== 0) {
            throw $this->error($r);
        }
        try {
            $date = fn (FFI\CData $d): string => $d->year === 0 ? '' : sprintf('%02d/%02d/%04d', $d->day, $d->month, $d->year);
            return [
                'id' => self::text($card->id),
                'name' => self::text($card->name),
                'address' => self::text($card->address),
                'birth_date' => $date($card->birth_date),
                'expiry_date' => $date($card->expiry_date),
                'province' => self::text($card->province),
                'expired' => $card->expired,
                'repairs' => $card->repairs,
            ];
        } finally {
            $this->ffi->motcua_card_free(FFI::addr($card));
        }
    }

    public function maskId(string $id): string
    {
        $buf = $this->ffi->new('char[16]');
        $n = $this->ffi->new('size_t');
        $r = $this->ffi->motcua_cccd_mask_id($id, strlen($id), $buf, 16, FFI::addr($n));
        if ($r !== 0) {
            throw $this->error($r);
        }
        return FFI::string($buf, $n->cdata);
    }

    /** The payload (a status-lookup URL) of a receipt's dossier QR. */
    public function encodeReceipt(string $code, string $procedure, string $applicant, string $system, array $issuedAt, array $appointment): string
    {
        $f = $this->ffi->new('motcua_dossier_fields');
        $f->dossier_code = $this->str($code);
        $f->procedure_code = $this->str($procedure);
        $f->applicant = $this->str($applicant);
        $f->paper = self::PAPER_RECEIPT;
        $f->system = $this->str($system);
        [$f->issued_at->date->year, $f->issued_at->date->month, $f->issued_at->date->day, $f->issued_at->hour, $f->issued_at->minute] = $issuedAt;
        [$f->appointment->date->year, $f->appointment->date->month, $f->appointment->date->day, $f->appointment->hour, $f->appointment->minute] = $appointment;
        $f->appointment->has_time = 1;
        $out = $this->ffi->new('motcua_text');
        $r = $this->ffi->motcua_dossier_encode(FFI::addr($f), null, FFI::addr($out));
        $this->keep = [];
        if ($r !== 0) {
            throw $this->error($r);
        }
        try {
            return FFI::string($out->data, $out->len);
        } finally {
            $this->ffi->motcua_text_free(FFI::addr($out));
        }
    }
}

// ---- the example, with its checks (exit status 1 if one fails)
$passed = 0;
$failed = 0;
$check = function (bool $ok, string $what) use (&$passed, &$failed): void {
    if ($ok) {
        $passed++;
    } else {
        $failed++;
        fwrite(STDERR, "FAILED: $what\n");
    }
};

$m = new Motcua(getenv('MOTCUA_LIB') ?: 'libmotcua.so');
$scan = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";
$card = $m->parseScanned($scan, 2026, 11, 23);
echo "{$card['name']} ({$m->maskId($card['id'])}), sinh {$card['birth_date']}, {$card['province']}\n";
$check($card['name'] === 'Nguyễn Văn A' && $card['address'] === 'Số 1 Phố X, Phường Y, Quận Z, Hà Nội', 'fields');
$check($card['birth_date'] === '01/01/1990' && $card['expiry_date'] === '01/01/2030' && $card['expired'] === false, 'dates');
$check($card['repairs'] === Motcua::REPAIR_STRIP_SUFFIX, 'the CR LF the scanner added is reported');
$check($m->maskId('123456789') === '******789', 'CMND masked');

try {
    $m->parseScanned(str_replace('|Nam|', '|Nữ|', $scan), 2026, 11, 23);
    $check(false, 'a sex mismatch throws');
} catch (MotcuaError $e) {
    echo "{$e->errorCode}: {$e->messageVi}\n";
    $check($e->errorCode === 'id_sex_mismatch' && str_contains($e->messageVi, 'giới tính'), 'error code and Vietnamese message');
    $check(!str_contains($e->getMessage() . $e->messageVi, '001090123456'), 'no personal data in messages');
}

$payload = $m->encodeReceipt('000.00.53.H48-261120-0042', '1.001612', '001090123456',
    'Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi', [2026, 11, 20, 9, 15], [2026, 11, 27, 14, 0]);
echo "$payload\n";
$check(str_starts_with($payload, 'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042&qr=1/TT:1.001612/DD:001090123456/GT:TN/HT:'), 'payload');
$check(str_ends_with($payload, '/TG:2611200915/HN:2611271400'), 'payload times');

printf("test result: %s. %d passed; %d failed; 0 ignored\n", $failed === 0 ? 'ok' : 'FAILED', $passed, $failed);
exit($failed === 0 ? 0 : 1);
