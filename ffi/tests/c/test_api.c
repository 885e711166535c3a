/* Tests of every function of the C API and its error paths, built with
 * plain cc against the installed header and library (scripts/test-c), and
 * run again under AddressSanitizer + UBSan and under valgrind memcheck.
 * All card and dossier data is synthetic. */
#include <motcua.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "form_docx.h"
#include "samples.h"

#ifndef EXPECTED_VERSION
#error "build with -DEXPECTED_VERSION=\"$(pkg-config --modversion motcua)\""
#endif

/* The same in decomposed (NFD) form, as some macOS and web sources give it. */
static const char A_NFD[] =
    "001090123456|123456789|Nguye\xcc\x82\xcc\x83n Va\xcc\x86n A|01011990|Nam|So\xcc\x82\xcc\x81 1 "
    "Pho\xcc\x82\xcc\x81 X, Phu\xcc\x9bo\xcc\x9b\xcc\x80ng Y, Qua\xcc\xa3\xcc\x82n Z, Ha\xcc\x80 "
    "No\xcc\xa3\xcc\x82i|15042021";
/* A 2024 card (11 fields) without an old ID. */
static const char C2024[] =
    "031185004321||Lê Thị Hồng Nhung|12031985|Nữ|Số 5 đường Lạch Tray, Phường Đằng Giang, Quận Ngô "
    "Quyền, Hải Phòng|10082024|Lê Văn Cha|Phạm Thị Mẹ||";

static int inside(motcua_str s, const char *buf, size_t len) {
    return s.data >= buf && s.data + s.len <= buf + len;
}

static int date_eq(motcua_date d, unsigned y, unsigned m, unsigned day) {
    return d.year == y && d.month == m && d.day == day;
}

static void test_version(void) {
    const char *v = motcua_version();
    CHECK(v != NULL);
    CHECK(strcmp(v, EXPECTED_VERSION) == 0);
}

static void test_strict_parse_is_zero_copy(void) {
    motcua_card card = {0};
    size_t len = strlen(A);
    CHECK(motcua_cccd_parse(A, len, &TODAY, &card) == MOTCUA_RESULT_OK);
    CHECK(card.layout == MOTCUA_LAYOUT_V2021);
    CHECK(card.sex == MOTCUA_SEX_MALE);
    CHECK(STR_EQ(card.id, "001090123456"));
    CHECK(STR_EQ(card.old_id, "123456789"));
    CHECK(STR_EQ(card.name, "Nguyễn Văn A"));
    CHECK(STR_EQ(card.address, "Số 1 Phố X, Phường Y, Quận Z, Hà Nội"));
    /* Every text view points into our own buffer: nothing was copied. */
    CHECK(inside(card.id, A, len) && inside(card.name, A, len) && inside(card.address, A, len));
    CHECK(card.name.data == A + strlen("001090123456|123456789|"));
    CHECK(!card.owns_text && card.buffer == NULL && card.repairs == 0);
    CHECK(date_eq(card.birth_date, 1990, 1, 1));
    CHECK(date_eq(card.issue_date, 2021, 4, 15));
    /* Renewal at 40 (Luật Căn cước 2023): valid until the 40th birthday. */
    CHECK(card.has_expiry && date_eq(card.expiry_date, 2030, 1, 1));
    CHECK(date_eq(card.as_of, 2026, 11, 23));
    CHECK(!card.expired && !card.issued_before_chip_era);
    CHECK(card.province_code == 1 && STR_EQ(card.province, "Hà Nội") && !card.born_abroad);
    for (int i = 0; i < 4; i++) {
        CHECK(card.extra[i].len == 0 && card.extra[i].data != NULL);
    }
    motcua_card_free(&card);
    CHECK(card.id.data == NULL && card.layout == 0);
    motcua_card_free(&card); /* a freed (zeroed) card: no-op */
    motcua_card_free(NULL);
}

static void test_strict_parse_refuses_what_needs_repair(void) {
    char crlf[sizeof A + 2];
    snprintf(crlf, sizeof crlf, "%s\r\n", A);
    motcua_card card;
    memset(&card, 0xAB, sizeof card);
    unsigned char before[sizeof card];
    memcpy(before, &card, sizeof card);
    CHECK(motcua_cccd_parse(crlf, strlen(crlf), &TODAY, &card) == MOTCUA_RESULT_CCCD_NEEDS_REPAIR);
    CHECK(memcmp(before, &card, sizeof card) == 0); /* out untouched on error */
    CHECK(motcua_cccd_parse(A_MOJIBAKE, strlen(A_MOJIBAKE), &TODAY, &card) ==
          MOTCUA_RESULT_CCCD_NEEDS_REPAIR);
    CHECK(motcua_cccd_parse(A_NFD, strlen(A_NFD), &TODAY, &card) == MOTCUA_RESULT_CCCD_NEEDS_REPAIR);
    CHECK(memcmp(before, &card, sizeof card) == 0);
}

static void test_scanned_suffix_stays_zero_copy(void) {
    char crlf[sizeof A + 2];
    snprintf(crlf, sizeof crlf, "%s\r\n", A);
    motcua_card card = {0};
    CHECK(motcua_cccd_parse_scanned(crlf, strlen(crlf), &TODAY, &card) == MOTCUA_RESULT_OK);
    CHECK(card.repairs == MOTCUA_REPAIR_STRIP_SUFFIX);
    CHECK(!card.owns_text && card.buffer == NULL);
    CHECK(inside(card.name, crlf, strlen(crlf)));
    CHECK(STR_EQ(card.id, "001090123456") && STR_EQ(card.name, "Nguyễn Văn A"));
    motcua_card_free(&card);
}

static void test_scanned_mojibake_owns_repaired_text(void) {
    motcua_card card = {0};
    size_t len = strlen(A_MOJIBAKE);
    CHECK(motcua_cccd_parse_scanned(A_MOJIBAKE, len, &TODAY, &card) == MOTCUA_RESULT_OK);
    CHECK(card.repairs == MOTCUA_REPAIR_MOJIBAKE);
    CHECK(card.owns_text && card.buffer != NULL);
    CHECK(STR_EQ(card.name, "Nguyễn Văn A"));
    CHECK(STR_EQ(card.address, "Số 1 Phố X, Phường Y, Quận Z, Hà Nội"));
    CHECK(!inside(card.name, A_MOJIBAKE, len));
    CHECK(STR_EQ(card.province, "Hà Nội"));
    motcua_card_free(&card);
    CHECK(card.buffer == NULL && !card.owns_text);

    CHECK(motcua_cccd_parse_scanned(A_NFD, strlen(A_NFD), &TODAY, &card) == MOTCUA_RESULT_OK);
    CHECK(card.repairs == MOTCUA_REPAIR_NFC && card.owns_text);
    CHECK(STR_EQ(card.name, "Nguyễn Văn A"));
    motcua_card_free(&card);

    /* A BOM, mojibake and a TAB suffix at once: every repair is reported. */
    char both[sizeof A_MOJIBAKE + 8];
    snprintf(both, sizeof both, "\xef\xbb\xbf%s\t", A_MOJIBAKE);
    CHECK(motcua_cccd_parse_scanned(both, strlen(both), NULL, &card) == MOTCUA_RESULT_OK);
    CHECK(card.repairs == (MOTCUA_REPAIR_STRIP_BOM | MOTCUA_REPAIR_STRIP_SUFFIX | MOTCUA_REPAIR_MOJIBAKE));
    motcua_card_free(&card);
}

static void test_2024_card(void) {
    motcua_card card = {0};
    CHECK(motcua_cccd_parse(C2024, strlen(C2024), &TODAY, &card) == MOTCUA_RESULT_OK);
    CHECK(card.layout == MOTCUA_LAYOUT_V2024);
    CHECK(card.sex == MOTCUA_SEX_FEMALE);
    CHECK(card.old_id.len == 0 && card.old_id.data != NULL);
    CHECK(STR_EQ(card.extra[0], "Lê Văn Cha") && STR_EQ(card.extra[1], "Phạm Thị Mẹ"));
    CHECK(card.extra[2].len == 0 && card.extra[3].len == 0);
    CHECK(card.province_code == 31 && STR_EQ(card.province, "Hải Phòng"));
    CHECK(date_eq(card.issue_date, 2024, 8, 10));
    motcua_card_free(&card);
}

static void test_reference_date(void) {
    motcua_card card = {0};
    /* After the expiry date the card parses, flagged expired. */
    motcua_date later = {2030, 1, 2};
    CHECK(motcua_cccd_parse(A, strlen(A), &later, &card) == MOTCUA_RESULT_OK);
    CHECK(card.expired);
    motcua_card_free(&card);
    motcua_date on_expiry = {2030, 1, 1};
    CHECK(motcua_cccd_parse(A, strlen(A), &on_expiry, &card) == MOTCUA_RESULT_OK);
    CHECK(!card.expired);
    motcua_card_free(&card);
    /* Before the issue date: the card cannot exist yet. */
    motcua_date early = {2021, 4, 14};
    CHECK(motcua_cccd_parse(A, strlen(A), &early, &card) == MOTCUA_RESULT_CCCD_ISSUE_DATE_IN_FUTURE);
    /* Not a real date. */
    motcua_date bad = {2026, 2, 30};
    CHECK(motcua_cccd_parse(A, strlen(A), &bad, &card) == MOTCUA_RESULT_INVALID_ARGUMENT);
    motcua_date zero = {0, 0, 0};
    CHECK(motcua_cccd_parse_scanned(A, strlen(A), &zero, &card) == MOTCUA_RESULT_INVALID_ARGUMENT);
    /* NULL: today in Vietnam. */
    CHECK(motcua_cccd_parse(A, strlen(A), NULL, &card) == MOTCUA_RESULT_OK);
    CHECK(card.as_of.year >= 2026);
    motcua_card_free(&card);
}

/* Replaces the first occurrence of `from` in A by `to`. */
static const char *variant(char *buf, size_t cap, const char *from, const char *to) {
    const char *at = strstr(A, from);
    if (at == NULL) {
        return A;
    }
    snprintf(buf, cap, "%.*s%s%s", (int)(at - A), A, to, at + strlen(from));
    return buf;
}

static void test_every_cccd_error(void) {
    struct {
        const char *from, *to;
        uint32_t want;
    } cases[] = {
        {"001090123456", "00109012345", MOTCUA_RESULT_CCCD_ID_LENGTH},
        {"001090123456", "0010901234S6", MOTCUA_RESULT_CCCD_ID_NOT_DIGITS},
        {"001090123456", "003090123456", MOTCUA_RESULT_CCCD_ID_PROVINCE_UNKNOWN},
        {"001090123456", "001190123456", MOTCUA_RESULT_CCCD_ID_SEX_MISMATCH},
        {"001090123456", "001091123456", MOTCUA_RESULT_CCCD_ID_BIRTH_YEAR_MISMATCH},
        {"123456789", "12345678", MOTCUA_RESULT_CCCD_OLD_ID_INVALID},
        {"Nguyễn Văn A", "Nguyễn Văn 4", MOTCUA_RESULT_CCCD_NAME_INVALID},
        {"01011990", "31021990", MOTCUA_RESULT_CCCD_BIRTH_DATE_INVALID},
        {"|Nam|", "|Khác|", MOTCUA_RESULT_CCCD_SEX_INVALID},
        {"Số 1 Phố X, Phường Y, Quận Z, Hà Nội", " ", MOTCUA_RESULT_CCCD_ADDRESS_INVALID},
        {"15042021", "32132021", MOTCUA_RESULT_CCCD_ISSUE_DATE_INVALID},
        {"15042021", "31121989", MOTCUA_RESULT_CCCD_ISSUE_DATE_BEFORE_BIRTH},
        {"15042021", "24112026", MOTCUA_RESULT_CCCD_ISSUE_DATE_IN_FUTURE},
        {"15042021", "31122015", MOTCUA_RESULT_CCCD_ISSUE_DATE_BEFORE_CCCD},
        {"|Nam|", "|Nam", MOTCUA_RESULT_CCCD_FIELD_COUNT},
    };
    char buf[512];
    motcua_card card = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = variant(buf, sizeof buf, cases[i].from, cases[i].to);
        uint32_t got = motcua_cccd_parse(p, strlen(p), &TODAY, &card);
        if (got != cases[i].want) {
            fprintf(stderr, "case %zu: got %u, want %u\n", i, got, cases[i].want);
        }
        CHECK(got == cases[i].want);
        CHECK(motcua_cccd_parse_scanned(p, strlen(p), &TODAY, &card) == cases[i].want);
    }
    /* Future birth date: born 01/12/2026, today 23/11/2026. */
    const char *future = "001226123456||Nguyễn Văn A|01122026|Nam|Hà Nội|15042021";
    CHECK(motcua_cccd_parse(future, strlen(future), &TODAY, &card) == MOTCUA_RESULT_CCCD_BIRTH_DATE_IN_FUTURE);
    /* Control character in an extra field of a 2024 card. */
    char extra[sizeof A + 8];
    snprintf(extra, sizeof extra, "%s||\x1b||", A);
    CHECK(motcua_cccd_parse(extra, strlen(extra), &TODAY, &card) == MOTCUA_RESULT_CCCD_EXTRA_FIELD_INVALID);
    /* Empty, and only what the scanner adds. */
    CHECK(motcua_cccd_parse("", 0, &TODAY, &card) == MOTCUA_RESULT_CCCD_EMPTY);
    CHECK(motcua_cccd_parse_scanned("\r\n", 2, &TODAY, &card) == MOTCUA_RESULT_CCCD_EMPTY);
    /* Mojibake with a byte lost on the way cannot be undone: rescan. */
    char lost[sizeof A_MOJIBAKE];
    strcpy(lost, A_MOJIBAKE);
    char *p = strstr(lost, "\xc2\x9d");
    CHECK(p != NULL);
    memmove(p, p + 2, strlen(p + 2) + 1);
    CHECK(motcua_cccd_parse_scanned(lost, strlen(lost), &TODAY, &card) ==
          MOTCUA_RESULT_CCCD_MOJIBAKE_UNRECOVERABLE);
    CHECK(card.buffer == NULL); /* never written */
}

static void test_hostile_input(void) {
    motcua_card card = {0};
    /* NULL pointers. */
    CHECK(motcua_cccd_parse(NULL, 10, &TODAY, &card) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_parse(NULL, 0, &TODAY, &card) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_parse(A, strlen(A), &TODAY, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_parse_scanned(NULL, 1, NULL, &card) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_parse_scanned(A, strlen(A), NULL, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    /* A huge length is refused before a byte is read (the buffer is short). */
    CHECK(motcua_cccd_parse(A, SIZE_MAX, &TODAY, &card) == MOTCUA_RESULT_CCCD_TOO_LONG);
    CHECK(motcua_cccd_parse_scanned(A, (size_t)1 << 40, &TODAY, &card) == MOTCUA_RESULT_CCCD_TOO_LONG);
    static char big[4096];
    memset(big, '1', sizeof big);
    CHECK(motcua_cccd_parse_scanned(big, 2049, &TODAY, &card) == MOTCUA_RESULT_CCCD_TOO_LONG);
    /* Not UTF-8: never guessed at. */
    char latin1[sizeof A];
    strcpy(latin1, A);
    latin1[30] = (char)0xff;
    CHECK(motcua_cccd_parse(latin1, strlen(latin1), &TODAY, &card) == MOTCUA_RESULT_NOT_UTF8);
    CHECK(motcua_cccd_parse_scanned(latin1, strlen(latin1), &TODAY, &card) == MOTCUA_RESULT_NOT_UTF8);
    /* Embedded NULs: the length counts, and a NUL is a control character. */
    char nul[sizeof A];
    memcpy(nul, A, sizeof A);
    nul[strlen("001090123456|123456789|Ng")] = '\0';
    CHECK(motcua_cccd_parse(nul, sizeof A - 1, &TODAY, &card) == MOTCUA_RESULT_CCCD_NAME_INVALID);
    memcpy(nul, A, sizeof A);
    nul[3] = '\0';
    CHECK(motcua_cccd_parse_scanned(nul, sizeof A - 1, &TODAY, &card) == MOTCUA_RESULT_CCCD_ID_NOT_DIGITS);
    /* A length shorter than the text: only that much is read. */
    CHECK(motcua_cccd_parse(A, 12, &TODAY, &card) == MOTCUA_RESULT_CCCD_FIELD_COUNT);
    CHECK(card.buffer == NULL);
}

static const uint32_t ALL_RESULTS[] = {
    MOTCUA_RESULT_OK,
    MOTCUA_RESULT_NULL_PARAMETER,
    MOTCUA_RESULT_PANIC,
    MOTCUA_RESULT_INSUFFICIENT_SIZE,
    MOTCUA_RESULT_INVALID_ARGUMENT,
    MOTCUA_RESULT_NOT_UTF8,
    MOTCUA_RESULT_CCCD_EMPTY,
    MOTCUA_RESULT_CCCD_TOO_LONG,
    MOTCUA_RESULT_CCCD_NEEDS_REPAIR,
    MOTCUA_RESULT_CCCD_MOJIBAKE_UNRECOVERABLE,
    MOTCUA_RESULT_CCCD_FIELD_COUNT,
    MOTCUA_RESULT_CCCD_ID_LENGTH,
    MOTCUA_RESULT_CCCD_ID_NOT_DIGITS,
    MOTCUA_RESULT_CCCD_ID_PROVINCE_UNKNOWN,
    MOTCUA_RESULT_CCCD_ID_SEX_MISMATCH,
    MOTCUA_RESULT_CCCD_ID_BIRTH_YEAR_MISMATCH,
    MOTCUA_RESULT_CCCD_OLD_ID_INVALID,
    MOTCUA_RESULT_CCCD_NAME_INVALID,
    MOTCUA_RESULT_CCCD_BIRTH_DATE_INVALID,
    MOTCUA_RESULT_CCCD_BIRTH_DATE_IN_FUTURE,
    MOTCUA_RESULT_CCCD_SEX_INVALID,
    MOTCUA_RESULT_CCCD_ADDRESS_INVALID,
    MOTCUA_RESULT_CCCD_ISSUE_DATE_INVALID,
    MOTCUA_RESULT_CCCD_ISSUE_DATE_BEFORE_BIRTH,
    MOTCUA_RESULT_CCCD_ISSUE_DATE_IN_FUTURE,
    MOTCUA_RESULT_CCCD_ISSUE_DATE_BEFORE_CCCD,
    MOTCUA_RESULT_CCCD_EXTRA_FIELD_INVALID,
    MOTCUA_RESULT_DOSSIER_FIELD_MISSING,
    MOTCUA_RESULT_DOSSIER_TEXT_INVALID,
    MOTCUA_RESULT_DOSSIER_DATE_INVALID,
    MOTCUA_RESULT_DOSSIER_ENCODING,
    MOTCUA_RESULT_DOSSIER_DUPLICATE_FIELD,
    MOTCUA_RESULT_DOSSIER_TOO_LONG,
    MOTCUA_RESULT_DOSSIER_NOT_DOSSIER_QR,
    MOTCUA_RESULT_DOSSIER_VERSION_UNSUPPORTED,
    MOTCUA_RESULT_DOSSIER_BASE_URL_INVALID,
    MOTCUA_RESULT_DOSSIER_UNIT_CODE_FORMAT,
    MOTCUA_RESULT_DOSSIER_UNIT_CODE_LEVEL1,
    MOTCUA_RESULT_DOSSIER_CODE_FORMAT,
    MOTCUA_RESULT_DOSSIER_CODE_DATE_INVALID,
    MOTCUA_RESULT_DOSSIER_SEQUENCE_INVALID,
    MOTCUA_RESULT_DOSSIER_PROCEDURE_CODE_FORMAT,
    MOTCUA_RESULT_DOSSIER_PROCEDURE_CODE_GROUP,
    MOTCUA_RESULT_DOSSIER_PROCEDURE_SUFFIX_INVALID,
    MOTCUA_RESULT_DOSSIER_APPLICANT_FORMAT,
    MOTCUA_RESULT_DOSSIER_APPLICANT_ID_PROVINCE,
    MOTCUA_RESULT_DOSSIER_TAX_CODE_CHECK_DIGIT,
    MOTCUA_RESULT_DOSSIER_APPLICANT_MASKED,
    MOTCUA_RESULT_DOSSIER_BASE_NOT_ALLOWED,
    MOTCUA_RESULT_DOSSIER_NOT_UTF8,
    MOTCUA_RESULT_QR_TOO_LONG,
    MOTCUA_RESULT_QR_VERSION_RANGE,
    MOTCUA_RESULT_QR_PNG_WRITE,
    MOTCUA_RESULT_IMAGE_TOO_SMALL,
    MOTCUA_RESULT_IMAGE_TOO_LARGE,
    MOTCUA_RESULT_IMAGE_STRIDE,
    MOTCUA_RESULT_IMAGE_BUFFER_SHORT,
    MOTCUA_RESULT_IMAGE_NO_QR,
    MOTCUA_RESULT_IMAGE_QR_UNREADABLE,
};
#define N_RESULTS (sizeof ALL_RESULTS / sizeof ALL_RESULTS[0])

static void test_error_messages(void) {
    static char en[N_RESULTS][MOTCUA_MESSAGE_MAX];
    char vi[MOTCUA_MESSAGE_MAX];
    size_t n = 0, m = 0;
    for (size_t i = 0; i < N_RESULTS; i++) {
        CHECK(motcua_error_message(ALL_RESULTS[i], MOTCUA_LANG_EN, en[i], sizeof en[i], &n) == MOTCUA_RESULT_OK);
        CHECK(n > 0 && strlen(en[i]) == n);
        CHECK(motcua_error_message(ALL_RESULTS[i], MOTCUA_LANG_VI, vi, sizeof vi, &m) == MOTCUA_RESULT_OK);
        CHECK(m > 0 && strlen(vi) == m && strcmp(en[i], vi) != 0);
        for (size_t j = 0; j < i; j++) {
            CHECK(strcmp(en[i], en[j]) != 0); /* every code has its own message */
        }
        motcua_str code = motcua_error_code_str(ALL_RESULTS[i]);
        CHECK(code.len > 0 && code.data != NULL);
    }
    CHECK(STR_EQ(motcua_error_code_str(MOTCUA_RESULT_CCCD_ID_SEX_MISMATCH), "id_sex_mismatch"));
    CHECK(STR_EQ(motcua_error_code_str(MOTCUA_RESULT_DOSSIER_TOO_LONG), "dossier_too_long"));
    CHECK(STR_EQ(motcua_error_code_str(MOTCUA_RESULT_OK), "ok"));
    CHECK(motcua_error_code_str(9999).len == 0 && motcua_error_code_str(9999).data != NULL);

    CHECK(motcua_error_message(MOTCUA_RESULT_CCCD_SEX_INVALID, MOTCUA_LANG_VI, vi, sizeof vi, &m) == MOTCUA_RESULT_OK);
    CHECK(strcmp(vi, "Giới tính phải là 'Nam' hoặc 'Nữ'") == 0);
    CHECK(motcua_error_message(MOTCUA_RESULT_CCCD_FIELD_COUNT, MOTCUA_LANG_EN, vi, sizeof vi, &m) == MOTCUA_RESULT_OK);
    CHECK(strstr(vi, "7 (2021 card) or 11 (2024 card)") != NULL);

    /* Too small a buffer: an error, and nothing written. */
    char small[8] = "unset";
    size_t keep = 77;
    CHECK(motcua_error_message(MOTCUA_RESULT_CCCD_EMPTY, MOTCUA_LANG_EN, small, sizeof small, &keep) ==
          MOTCUA_RESULT_INSUFFICIENT_SIZE);
    CHECK(strcmp(small, "unset") == 0 && keep == 77);
    /* Exactly message + NUL fits. */
    CHECK(motcua_error_message(MOTCUA_RESULT_CCCD_EMPTY, MOTCUA_LANG_EN, vi, sizeof vi, &n) == MOTCUA_RESULT_OK);
    char exact[64];
    CHECK(n + 1 <= sizeof exact);
    CHECK(motcua_error_message(MOTCUA_RESULT_CCCD_EMPTY, MOTCUA_LANG_EN, exact, n + 1, &m) == MOTCUA_RESULT_OK);
    CHECK(motcua_error_message(MOTCUA_RESULT_CCCD_EMPTY, MOTCUA_LANG_EN, exact, n, &m) ==
          MOTCUA_RESULT_INSUFFICIENT_SIZE);
    CHECK(motcua_error_message(9999, MOTCUA_LANG_EN, vi, sizeof vi, &n) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_error_message(MOTCUA_RESULT_OK, 7, vi, sizeof vi, &n) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_error_message(MOTCUA_RESULT_OK, MOTCUA_LANG_EN, NULL, 10, &n) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_error_message(MOTCUA_RESULT_OK, MOTCUA_LANG_EN, vi, sizeof vi, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
}

static void test_id_and_cmnd(void) {
    motcua_id_info info;
    CHECK(motcua_cccd_validate_id("079303000001", 12, &info) == MOTCUA_RESULT_OK);
    CHECK(info.province_code == 79 && STR_EQ(info.province, "Hồ Chí Minh"));
    CHECK(info.sex == MOTCUA_SEX_FEMALE && info.birth_year == 2003 && !info.born_abroad);
    CHECK(motcua_cccd_validate_id("201090123456", 12, &info) == MOTCUA_RESULT_OK);
    CHECK(info.born_abroad && info.province_code == 201 && info.province.len == 0);
    CHECK(motcua_cccd_validate_id("001090123456", 12, NULL) == MOTCUA_RESULT_OK);
    CHECK(motcua_cccd_validate_id("00109012345", 11, &info) == MOTCUA_RESULT_CCCD_ID_LENGTH);
    CHECK(motcua_cccd_validate_id("00109O123456", 12, &info) == MOTCUA_RESULT_CCCD_ID_NOT_DIGITS);
    CHECK(motcua_cccd_validate_id("003090123456", 12, &info) == MOTCUA_RESULT_CCCD_ID_PROVINCE_UNKNOWN);
    CHECK(motcua_cccd_validate_id(NULL, 12, &info) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_validate_id("\xff\xfe", 2, &info) == MOTCUA_RESULT_NOT_UTF8);
    CHECK(motcua_cccd_validate_id("0", SIZE_MAX, &info) == MOTCUA_RESULT_CCCD_ID_LENGTH);

    CHECK(motcua_cccd_validate_cmnd("123456789", 9) == MOTCUA_RESULT_OK);
    CHECK(motcua_cccd_validate_cmnd("12345678", 8) == MOTCUA_RESULT_CCCD_OLD_ID_INVALID);
    CHECK(motcua_cccd_validate_cmnd("12345678\0", 9) == MOTCUA_RESULT_CCCD_OLD_ID_INVALID);
    CHECK(motcua_cccd_validate_cmnd(NULL, 0) == MOTCUA_RESULT_NULL_PARAMETER);

    char buf[16];
    size_t n = 0;
    CHECK(motcua_cccd_mask_id("001090123456", 12, buf, sizeof buf, &n) == MOTCUA_RESULT_OK);
    CHECK(n == 12 && strcmp(buf, "*********456") == 0);
    CHECK(motcua_cccd_mask_id("001090123456", 12, buf, 12, &n) == MOTCUA_RESULT_INSUFFICIENT_SIZE);
    CHECK(motcua_cccd_mask_id("00109012345", 11, buf, sizeof buf, &n) == MOTCUA_RESULT_CCCD_ID_LENGTH);
    CHECK(motcua_cccd_mask_id("123456789", 9, buf, sizeof buf, &n) == MOTCUA_RESULT_OK);
    CHECK(n == 9 && strcmp(buf, "******789") == 0);
    CHECK(motcua_cccd_mask_id("001090123456", 12, NULL, 0, &n) == MOTCUA_RESULT_NULL_PARAMETER);
}

static void test_cmnd_link(void) {
    motcua_card a = {0}, c = {0};
    CHECK(motcua_cccd_parse(A, strlen(A), &TODAY, &a) == MOTCUA_RESULT_OK);
    CHECK(motcua_cccd_parse(C2024, strlen(C2024), &TODAY, &c) == MOTCUA_RESULT_OK);
    uint32_t link = 0;
    CHECK(motcua_cccd_cmnd_link(&a, "123456789", 9, &link) == MOTCUA_RESULT_OK && link == MOTCUA_CMND_LINK_LINKED);
    CHECK(motcua_cccd_cmnd_link(&a, "987654321", 9, &link) == MOTCUA_RESULT_OK && link == MOTCUA_CMND_LINK_MISMATCH);
    CHECK(motcua_cccd_cmnd_link(&c, "123456789", 9, &link) == MOTCUA_RESULT_OK && link == MOTCUA_CMND_LINK_NO_OLD_ID);
    link = 42;
    CHECK(motcua_cccd_cmnd_link(&a, "1234", 4, &link) == MOTCUA_RESULT_CCCD_OLD_ID_INVALID && link == 42);
    CHECK(motcua_cccd_cmnd_link(NULL, "123456789", 9, &link) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_cmnd_link(&a, NULL, 9, &link) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_cccd_cmnd_link(&a, "123456789", 9, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    motcua_card_free(&a);
    motcua_card_free(&c);
}

static void test_repair_messages(void) {
    const uint32_t bits[] = {MOTCUA_REPAIR_STRIP_BOM, MOTCUA_REPAIR_STRIP_SUFFIX, MOTCUA_REPAIR_MOJIBAKE,
                             MOTCUA_REPAIR_NFC};
    for (size_t i = 0; i < 4; i++) {
        motcua_str en = {0}, vi = {0};
        CHECK(motcua_repair_message(bits[i], MOTCUA_LANG_EN, &en) == MOTCUA_RESULT_OK && en.len > 0);
        CHECK(motcua_repair_message(bits[i], MOTCUA_LANG_VI, &vi) == MOTCUA_RESULT_OK && vi.len > 0);
        CHECK(!(en.len == vi.len && memcmp(en.data, vi.data, en.len) == 0));
    }
    motcua_str s;
    CHECK(motcua_repair_message(MOTCUA_REPAIR_NFC | MOTCUA_REPAIR_MOJIBAKE, 0, &s) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_repair_message(0, 0, &s) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_repair_message(MOTCUA_REPAIR_NFC, 2, &s) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_repair_message(MOTCUA_REPAIR_NFC, 0, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
}

static motcua_str S(const char *s) {
    motcua_str v = {s, strlen(s)};
    return v;
}

static const char SYSTEM[] = "Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi";

static motcua_dossier_fields receipt(void) {
    motcua_dossier_fields f;
    memset(&f, 0, sizeof f);
    f.dossier_code = S("000.00.53.H48-261120-0042");
    f.procedure_code = S("1.001612");
    f.applicant = S("001090123456");
    f.paper = MOTCUA_PAPER_RECEIPT;
    f.system = S(SYSTEM);
    f.issued_at.date.year = 2026;
    f.issued_at.date.month = 11;
    f.issued_at.date.day = 20;
    f.issued_at.hour = 9;
    f.issued_at.minute = 15;
    f.appointment.date.year = 2026;
    f.appointment.date.month = 11;
    f.appointment.date.day = 27;
    f.appointment.has_time = 1;
    f.appointment.hour = 14;
    return f;
}

static void test_dossier_round_trip(void) {
    motcua_dossier_fields f = receipt();
    motcua_text payload = {0};
    REQUIRE(motcua_dossier_encode(&f, NULL, &payload) == MOTCUA_RESULT_OK);
    CHECK(payload.data != NULL && strlen(payload.data) == payload.len);
    /* docs/dossier-qr.md: the national page, hs=<code>, tagged fields. */
    CHECK(strncmp(payload.data, "https://dichvucong.gov.vn/", 26) == 0);
    CHECK(strstr(payload.data, "?hs=000.00.53.H48-261120-0042&qr=1/TT:1.001612/DD:001090123456/GT:TN/HT:"));
    CHECK(strstr(payload.data, "/TG:2611200915/HN:2611271400") != NULL);

    motcua_dossier d = {0};
    REQUIRE(motcua_dossier_decode(payload.data, payload.len, &d) == MOTCUA_RESULT_OK);
    CHECK(STR_EQ(d.fields.dossier_code, "000.00.53.H48-261120-0042"));
    CHECK(STR_EQ(d.fields.procedure_code, "1.001612"));
    CHECK(STR_EQ(d.fields.applicant, "001090123456") && d.applicant_kind == MOTCUA_APPLICANT_KIND_PERSON);
    CHECK(d.fields.paper == MOTCUA_PAPER_RECEIPT);
    CHECK(STR_EQ(d.fields.paper_name, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"));
    CHECK(STR_EQ(d.fields.system, SYSTEM));
    CHECK(date_eq(d.fields.issued_at.date, 2026, 11, 20) && d.fields.issued_at.hour == 9 &&
          d.fields.issued_at.minute == 15 && d.fields.issued_at.second == 0);
    CHECK(date_eq(d.fields.appointment.date, 2026, 11, 27) && d.fields.appointment.has_time &&
          d.fields.appointment.hour == 14 && d.fields.appointment.minute == 0);
    CHECK(d.fields.validity == MOTCUA_VALIDITY_NONE && d.fields.scope.len == 0);
    CHECK(d.missing == 0 && d.warnings == 0);
    /* The record owns its text: the views stay valid after the payload goes. */
    CHECK(d.buffer != NULL);
    CHECK(!inside(d.fields.system, payload.data, payload.len));

    /* Decoded fields encode to the same payload. */
    motcua_text again = {0};
    REQUIRE(motcua_dossier_encode(&d.fields, NULL, &again) == MOTCUA_RESULT_OK);
    CHECK(again.len == payload.len && strcmp(again.data, payload.data) == 0);
    motcua_text_free(&again);
    motcua_dossier_free(&d);
    CHECK(d.buffer == NULL && d.fields.dossier_code.data == NULL);
    motcua_dossier_free(&d);
    motcua_dossier_free(NULL);
    motcua_text_free(&payload);
    CHECK(payload.data == NULL && payload.len == 0);
    motcua_text_free(&payload);
    motcua_text_free(NULL);
}

static void test_dossier_result_and_privacy(void) {
    motcua_dossier_fields f = receipt();
    f.paper = MOTCUA_PAPER_OTHER;
    f.paper_name = S("Giấy phép xây dựng");
    f.appointment.date.year = 0;
    f.validity = MOTCUA_VALIDITY_UNTIL;
    f.validity_until.year = 2031;
    f.validity_until.month = 12;
    f.validity_until.day = 31;
    f.scope = S("Toàn quốc");
    motcua_encode_options opts = {S("https://dichvucong.quangngai.gov.vn/tra-cuu"), MOTCUA_PRIVACY_MASKED};
    motcua_text payload = {0};
    REQUIRE(motcua_dossier_encode(&f, &opts, &payload) == MOTCUA_RESULT_OK);
    CHECK(strncmp(payload.data, "https://dichvucong.quangngai.gov.vn/tra-cuu?hs=", 47) == 0);
    CHECK(strstr(payload.data, "001090123456") == NULL); /* the ID never leaves in full */
    motcua_dossier d = {0};
    REQUIRE(motcua_dossier_decode(payload.data, payload.len, &d) == MOTCUA_RESULT_OK);
    CHECK(STR_EQ(d.fields.applicant, "*********456") && d.applicant_kind == MOTCUA_APPLICANT_KIND_MASKED);
    CHECK(d.fields.paper == MOTCUA_PAPER_OTHER && STR_EQ(d.fields.paper_name, "Giấy phép xây dựng"));
    CHECK(d.fields.validity == MOTCUA_VALIDITY_UNTIL && date_eq(d.fields.validity_until, 2031, 12, 31));
    CHECK(STR_EQ(d.fields.scope, "Toàn quốc"));
    CHECK(d.missing == 0);
    motcua_dossier_free(&d);
    motcua_text_free(&payload);

    /* Omitted: the decoded record reports the applicant missing. */
    opts.privacy = MOTCUA_PRIVACY_OMITTED;
    f.validity = MOTCUA_VALIDITY_INDEFINITE;
    REQUIRE(motcua_dossier_encode(&f, &opts, &payload) == MOTCUA_RESULT_OK);
    REQUIRE(motcua_dossier_decode(payload.data, payload.len, &d) == MOTCUA_RESULT_OK);
    CHECK(d.fields.applicant.len == 0 && d.applicant_kind == MOTCUA_APPLICANT_KIND_NONE);
    CHECK(d.missing == (1u << MOTCUA_FIELD_APPLICANT));
    CHECK(d.fields.validity == MOTCUA_VALIDITY_INDEFINITE);
    motcua_dossier_free(&d);
    motcua_text_free(&payload);

    /* Validity in words. */
    opts.privacy = MOTCUA_PRIVACY_FULL;
    f.validity = MOTCUA_VALIDITY_TEXT;
    f.validity_text = S("05 năm kể từ ngày cấp");
    REQUIRE(motcua_dossier_encode(&f, &opts, &payload) == MOTCUA_RESULT_OK);
    REQUIRE(motcua_dossier_decode(payload.data, payload.len, &d) == MOTCUA_RESULT_OK);
    CHECK(d.fields.validity == MOTCUA_VALIDITY_TEXT && STR_EQ(d.fields.validity_text, "05 năm kể từ ngày cấp"));
    motcua_dossier_free(&d);
    motcua_text_free(&payload);
}

static void test_dossier_decode_bare_code(void) {
    char code[] = "38.98.H29-210519-0003";
    motcua_dossier d = {0};
    REQUIRE(motcua_dossier_decode(code, strlen(code), &d) == MOTCUA_RESULT_OK);
    CHECK(d.buffer != NULL && !inside(d.fields.dossier_code, code, strlen(code)));
    memset(code, 'x', strlen(code)); /* the caller's buffer may be reused at once */
    CHECK(STR_EQ(d.fields.dossier_code, "38.98.H29-210519-0003"));
    CHECK(d.warnings == MOTCUA_WARNING_UNIT_CODE_SHORT);
    uint32_t want = (1u << MOTCUA_FIELD_PROCEDURE_CODE) | (1u << MOTCUA_FIELD_APPLICANT) |
                    (1u << MOTCUA_FIELD_PAPER) | (1u << MOTCUA_FIELD_SYSTEM) | (1u << MOTCUA_FIELD_ISSUED_AT);
    CHECK(d.missing == want);
    CHECK(d.fields.system.data != NULL && d.fields.system.len == 0);
    motcua_dossier_free(&d);

    const char url[] = "https://portal.example.vn/hs?lang=vi&hs=000.00.53.H48-261120-0042";
    REQUIRE(motcua_dossier_decode(url, strlen(url), &d) == MOTCUA_RESULT_OK);
    CHECK(STR_EQ(d.fields.dossier_code, "000.00.53.H48-261120-0042"));
    CHECK(STR_EQ(d.base, "https://portal.example.vn/hs?lang=vi"));
    motcua_dossier_free(&d);
}

static void test_dossier_errors(void) {
    motcua_text out = {0};
    motcua_dossier_fields f;
    static char big[8192];
    memset(big, 'x', sizeof big);
    struct {
        const char *what;
        uint32_t want;
    } cases[] = {
        {"no procedure", MOTCUA_RESULT_DOSSIER_FIELD_MISSING},
        {"bad dossier code", MOTCUA_RESULT_DOSSIER_CODE_FORMAT},
        {"no dossier code", MOTCUA_RESULT_DOSSIER_FIELD_MISSING},
        {"day 0000", MOTCUA_RESULT_DOSSIER_SEQUENCE_INVALID},
        {"bad procedure", MOTCUA_RESULT_DOSSIER_PROCEDURE_CODE_GROUP},
        {"tax check digit", MOTCUA_RESULT_DOSSIER_TAX_CODE_CHECK_DIGIT},
        {"masked applicant", MOTCUA_RESULT_DOSSIER_APPLICANT_MASKED},
        {"paper 99", MOTCUA_RESULT_INVALID_ARGUMENT},
        {"other without name", MOTCUA_RESULT_DOSSIER_TEXT_INVALID},
        {"30 February", MOTCUA_RESULT_DOSSIER_DATE_INVALID},
        {"hour 24", MOTCUA_RESULT_DOSSIER_DATE_INVALID},
        {"receipt without appointment", MOTCUA_RESULT_DOSSIER_FIELD_MISSING},
        {"system with NUL", MOTCUA_RESULT_DOSSIER_TEXT_INVALID},
        {"system not UTF-8", MOTCUA_RESULT_NOT_UTF8},
        {"system NULL with length", MOTCUA_RESULT_NULL_PARAMETER},
        {"system huge", MOTCUA_RESULT_DOSSIER_TOO_LONG},
        {"validity 9", MOTCUA_RESULT_INVALID_ARGUMENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        f = receipt();
        switch (i) {
        case 0: f.procedure_code.data = NULL; f.procedure_code.len = 0; break;
        case 1: f.dossier_code = S("000.00.53.H48/261120/0042"); break;
        case 2: f.dossier_code = S(""); break;
        case 3: f.dossier_code = S("000.00.53.H48-261120-0000"); break;
        case 4: f.procedure_code = S("7.001612"); break;
        case 5: f.applicant = S("0100109107"); break;
        case 6: f.applicant = S("*********456"); break;
        case 7: f.paper = 99; break;
        case 8: f.paper = MOTCUA_PAPER_OTHER; break;
        case 9: f.issued_at.date.month = 2; f.issued_at.date.day = 30; break;
        case 10: f.issued_at.hour = 24; break;
        case 11: f.appointment.date.year = 0; break;
        case 12: f.system.len = 3; f.system.data = "a\0b"; break;
        case 13: f.system = S("H\xe9 th\xf4ng"); break;
        case 14: f.system.data = NULL; f.system.len = 5; break;
        case 15: f.system.data = big; f.system.len = sizeof big; break;
        case 16: f.validity = 9; break;
        default: break;
        }
        uint32_t got = motcua_dossier_encode(&f, NULL, &out);
        if (got != cases[i].want) {
            fprintf(stderr, "%s: got %u, want %u\n", cases[i].what, got, cases[i].want);
        }
        CHECK(got == cases[i].want);
        CHECK(out.data == NULL); /* never written on error */
    }
    /* Garbage structs are errors, never misread: every field is an integer
     * or a (pointer, length) whose length is checked first. */
    memset(&f, 0xff, sizeof f);
    CHECK(motcua_dossier_encode(&f, NULL, &out) == MOTCUA_RESULT_DOSSIER_TOO_LONG);
    f = receipt();
    f.appointment.has_time = 0xA5; /* any non-zero byte means "has a time" */
    REQUIRE(motcua_dossier_encode(&f, NULL, &out) == MOTCUA_RESULT_OK);
    CHECK(strstr(out.data, "/HN:2611271400") != NULL);
    motcua_text_free(&out);
    f = receipt();
    motcua_encode_options opts = {S("http://insecure.example.vn/"), MOTCUA_PRIVACY_FULL};
    CHECK(motcua_dossier_encode(&f, &opts, &out) == MOTCUA_RESULT_DOSSIER_BASE_URL_INVALID);
    opts.base = S("https://ok.example.vn/");
    opts.privacy = 3;
    CHECK(motcua_dossier_encode(&f, &opts, &out) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_dossier_encode(NULL, NULL, &out) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_dossier_encode(&f, NULL, NULL) == MOTCUA_RESULT_NULL_PARAMETER);

    motcua_dossier d = {0};
    const char *not_ours = "https://portal.example.vn/?foo=1";
    CHECK(motcua_dossier_decode(not_ours, strlen(not_ours), &d) == MOTCUA_RESULT_DOSSIER_NOT_DOSSIER_QR);
    const char *v9 = "https://portal.example.vn/?hs=000.00.53.H48-261120-0042&qr=9/TT:1.001612";
    CHECK(motcua_dossier_decode(v9, strlen(v9), &d) == MOTCUA_RESULT_DOSSIER_VERSION_UNSUPPORTED);
    const char *twice = "https://p.example.vn/?hs=000.00.53.H48-261120-0042&qr=1/TT:1.001612/TT:1.001612";
    CHECK(motcua_dossier_decode(twice, strlen(twice), &d) == MOTCUA_RESULT_DOSSIER_DUPLICATE_FIELD);
    const char *bad32 = "https://p.example.vn/?hs=000.00.53.H48-261120-0042&qr=1/HT:1!1";
    CHECK(motcua_dossier_decode(bad32, strlen(bad32), &d) == MOTCUA_RESULT_DOSSIER_ENCODING);
    CHECK(motcua_dossier_decode(big, sizeof big, &d) == MOTCUA_RESULT_DOSSIER_TOO_LONG);
    CHECK(motcua_dossier_decode(big, SIZE_MAX, &d) == MOTCUA_RESULT_DOSSIER_TOO_LONG);
    CHECK(motcua_dossier_decode("\xff", 1, &d) == MOTCUA_RESULT_NOT_UTF8);
    CHECK(motcua_dossier_decode(NULL, 0, &d) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_dossier_decode(v9, strlen(v9), NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(d.buffer == NULL);

    /* Base URL tricks (#19): user info sends a phone elsewhere; http is
     * refused; a portal pins its lookup pages. */
    const char *evil = "https://dichvucong.gov.vn@evil.example/?hs=000.00.53.H48-261120-0042";
    CHECK(motcua_dossier_decode(evil, strlen(evil), &d) == MOTCUA_RESULT_DOSSIER_BASE_URL_INVALID);
    const char *plain = "http://dichvucong.gov.vn/?hs=000.00.53.H48-261120-0042";
    CHECK(motcua_dossier_decode(plain, strlen(plain), &d) == MOTCUA_RESULT_DOSSIER_BASE_URL_INVALID);
    const char *qn = "https://dichvucong.quangngai.gov.vn/tra-cuu?lang=vi&hs=000.00.53.H48-261120-0042";
    motcua_str site[2] = {S("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"), S("https://dichvucong.quangngai.gov.vn/")};
    REQUIRE(motcua_dossier_decode_with(qn, strlen(qn), site, 2, &d) == MOTCUA_RESULT_OK);
    CHECK(STR_EQ(d.host, "dichvucong.quangngai.gov.vn"));
    CHECK(STR_EQ(d.base, "https://dichvucong.quangngai.gov.vn/tra-cuu?lang=vi"));
    motcua_dossier_free(&d);
    CHECK(motcua_dossier_decode_with(qn, strlen(qn), site, 1, &d) == MOTCUA_RESULT_DOSSIER_BASE_NOT_ALLOWED);
    const char *bare = "000.00.53.H48-261120-0042";
    REQUIRE(motcua_dossier_decode_with(bare, strlen(bare), site, 1, &d) == MOTCUA_RESULT_OK);
    CHECK(d.host.len == 0 && d.base.len == 0);
    motcua_dossier_free(&d);
    CHECK(motcua_dossier_decode_with(qn, strlen(qn), NULL, 1, &d) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_dossier_decode_with(qn, strlen(qn), site, MOTCUA_MAX_ALLOWED_BASES + 1, &d) == MOTCUA_RESULT_INVALID_ARGUMENT);
    motcua_str not_utf8[1] = {{"\xff", 1}};
    CHECK(motcua_dossier_decode_with(qn, strlen(qn), not_utf8, 1, &d) == MOTCUA_RESULT_NOT_UTF8);
    CHECK(d.buffer == NULL);
}

static void test_qr(void) {
    motcua_dossier_fields f = receipt();
    motcua_text payload = {0};
    REQUIRE(motcua_dossier_encode(&f, NULL, &payload) == MOTCUA_RESULT_OK);
    motcua_qr *qr = NULL;
    REQUIRE(motcua_qr_encode(payload.data, payload.len, NULL, &qr) == MOTCUA_RESULT_OK && qr != NULL);
    uint8_t version = motcua_qr_version(qr);
    size_t size = motcua_qr_size(qr);
    CHECK(version >= 1 && version <= 40 && size == 17 + 4 * (size_t)version);
    CHECK(motcua_qr_ecc(qr) >= MOTCUA_ECC_MEDIUM && motcua_qr_ecc(qr) <= MOTCUA_ECC_HIGH);

    /* The matrix, one byte per module, agrees with motcua_qr_module. */
    uint8_t *m = malloc(size * size);
    REQUIRE(m != NULL);
    size_t n = 0;
    CHECK(motcua_qr_matrix(qr, m, size * size - 1, &n) == MOTCUA_RESULT_INSUFFICIENT_SIZE && n == 0);
    CHECK(motcua_qr_matrix(qr, m, size * size, &n) == MOTCUA_RESULT_OK && n == size * size);
    size_t dark = 0;
    int agree = 1;
    for (size_t y = 0; y < size; y++) {
        for (size_t x = 0; x < size; x++) {
            agree &= m[y * size + x] == (uint8_t)motcua_qr_module(qr, x, y);
            dark += m[y * size + x];
        }
    }
    CHECK(agree);
    CHECK(dark > size * size / 4 && dark < size * size * 3 / 4);
    /* The finder pattern in the top-left corner: a dark ring, a light
     * ring, a dark 3x3 centre (ISO/IEC 18004). */
    for (size_t i = 0; i < 7; i++) {
        CHECK(m[i] == 1 && m[6 * size + i] == 1 && m[i * size] == 1 && m[i * size + 6] == 1);
    }
    CHECK(m[1 * size + 1] == 0 && m[1 * size + 5] == 0 && m[5 * size + 1] == 0);
    CHECK(m[2 * size + 2] == 1 && m[3 * size + 3] == 1 && m[4 * size + 4] == 1);
    CHECK(m[7 * size + 7] == 0); /* separator */
    free(m);
    CHECK(!motcua_qr_module(qr, size, 0) && !motcua_qr_module(qr, 0, SIZE_MAX));

    motcua_text svg = {0};
    REQUIRE(motcua_qr_svg(qr, NULL, &svg) == MOTCUA_RESULT_OK);
    CHECK(strstr(svg.data, "<svg") != NULL && strstr(svg.data, "</svg>") != NULL);
    CHECK(strlen(svg.data) == svg.len);
    motcua_text_free(&svg);
    motcua_svg_options so = {4, S("HS 000.00.53.H48-261120-0042 <&>"), S("25mm")};
    REQUIRE(motcua_qr_svg(qr, &so, &svg) == MOTCUA_RESULT_OK);
    CHECK(strstr(svg.data, "HS 000.00.53.H48-261120-0042 &lt;&amp;&gt;") != NULL);
    CHECK(strstr(svg.data, "25mm") != NULL);
    motcua_text_free(&svg);
    so.quiet_zone = 1000;
    CHECK(motcua_qr_svg(qr, &so, &svg) == MOTCUA_RESULT_INVALID_ARGUMENT && svg.data == NULL);
    so.quiet_zone = 4;
    so.caption = S("\xff");
    CHECK(motcua_qr_svg(qr, &so, &svg) == MOTCUA_RESULT_NOT_UTF8);
    CHECK(motcua_qr_svg(NULL, NULL, &svg) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_qr_svg(qr, NULL, NULL) == MOTCUA_RESULT_NULL_PARAMETER);

    motcua_bytes png = {0};
    REQUIRE(motcua_qr_png(qr, 4, &png) == MOTCUA_RESULT_OK);
    CHECK(png.len > 100 && memcmp(png.data, "\x89PNG\r\n\x1a\n", 8) == 0);
    motcua_bytes_free(&png);
    CHECK(png.data == NULL);
    motcua_bytes_free(&png);
    motcua_bytes_free(NULL);
    CHECK(motcua_qr_png(qr, 0, &png) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_qr_png(qr, 65, &png) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_qr_png(NULL, 4, &png) == MOTCUA_RESULT_NULL_PARAMETER);
    uint8_t one[1];
    CHECK(motcua_qr_matrix(NULL, one, 1, &n) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_qr_matrix(qr, NULL, 1, &n) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_qr_matrix(qr, one, 1, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    motcua_qr_free(qr);
    motcua_text_free(&payload);

    /* Options and limits. */
    motcua_qr_options o = {MOTCUA_ECC_HIGH, 0, 1, 40};
    CHECK(motcua_qr_encode("MOTCUA", 6, &o, &qr) == MOTCUA_RESULT_OK);
    CHECK(motcua_qr_version(qr) == 1 && motcua_qr_ecc(qr) == MOTCUA_ECC_HIGH);
    motcua_qr_free(qr);
    qr = NULL;
    o.boost_ecc = 0x80; /* non-zero: boost */
    o.ecc = MOTCUA_ECC_LOW;
    CHECK(motcua_qr_encode("MOTCUA", 6, &o, &qr) == MOTCUA_RESULT_OK);
    CHECK(motcua_qr_version(qr) == 1 && motcua_qr_ecc(qr) == MOTCUA_ECC_HIGH);
    motcua_qr_free(qr);
    qr = NULL;
    memset(&o, 0xff, sizeof o);
    CHECK(motcua_qr_encode("MOTCUA", 6, &o, &qr) == MOTCUA_RESULT_INVALID_ARGUMENT && qr == NULL);
    o.boost_ecc = 0;
    o.min_version = 1;
    o.max_version = 40;
    o.ecc = 4;
    CHECK(motcua_qr_encode("MOTCUA", 6, &o, &qr) == MOTCUA_RESULT_INVALID_ARGUMENT && qr == NULL);
    o.ecc = MOTCUA_ECC_LOW;
    o.min_version = 0;
    CHECK(motcua_qr_encode("MOTCUA", 6, &o, &qr) == MOTCUA_RESULT_QR_VERSION_RANGE);
    o.min_version = 1;
    o.max_version = 1;
    CHECK(motcua_qr_encode(A, strlen(A), &o, &qr) == MOTCUA_RESULT_QR_TOO_LONG);
    static char digits[7090];
    memset(digits, '7', sizeof digits);
    o.max_version = 40;
    CHECK(motcua_qr_encode(digits, 7089, &o, &qr) == MOTCUA_RESULT_OK && motcua_qr_version(qr) == 40);
    motcua_qr_free(qr);
    qr = NULL;
    CHECK(motcua_qr_encode(digits, 7090, &o, &qr) == MOTCUA_RESULT_QR_TOO_LONG);
    CHECK(motcua_qr_encode(digits, SIZE_MAX, &o, &qr) == MOTCUA_RESULT_QR_TOO_LONG);
    CHECK(motcua_qr_encode("\xc3", 1, NULL, &qr) == MOTCUA_RESULT_NOT_UTF8);
    CHECK(motcua_qr_encode(NULL, 1, NULL, &qr) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_qr_encode("x", 1, NULL, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(qr == NULL);
    CHECK(motcua_qr_size(NULL) == 0 && motcua_qr_version(NULL) == 0 && !motcua_qr_module(NULL, 0, 0));
    CHECK(motcua_qr_ecc(NULL) == MOTCUA_ECC_LOW);
    motcua_qr_free(NULL);
}

/* A grey image of `text`'s QR at `scale` px/module, 4-module quiet zone,
 * rows `stride` bytes apart (padding dark, which must be ignored). */
static uint8_t *render(const char *text, size_t scale, size_t stride_pad, size_t *side, size_t *stride) {
    motcua_qr *qr = NULL;
    if (motcua_qr_encode(text, strlen(text), NULL, &qr) != MOTCUA_RESULT_OK) return NULL;
    size_t size = motcua_qr_size(qr);
    *side = (size + 8) * scale;
    *stride = *side + stride_pad;
    uint8_t *px = malloc(*stride * *side);
    if (px != NULL) {
        for (size_t y = 0; y < *side; y++) {
            for (size_t x = 0; x < *stride; x++) {
                size_t mx = x / scale - 4, my = y / scale - 4; /* wraps around below 0 */
                uint8_t v = 235;
                if (x >= *side) v = 0;
                else if (x / scale >= 4 && y / scale >= 4 && motcua_qr_module(qr, mx, my)) v = 20;
                px[y * *stride + x] = v;
            }
        }
    }
    motcua_qr_free(qr);
    return px;
}

static void test_qr_decode_image(void) {
    size_t side = 0, stride = 0;
    uint8_t *px = render(A, 3, 5, &side, &stride);
    REQUIRE(px != NULL);
    size_t len = stride * (side - 1) + side; /* the last row needs no padding */
    motcua_qr_codes *codes = NULL;
    REQUIRE(motcua_qr_decode_gray(px, len, (uint32_t)side, (uint32_t)side, stride, &codes) == MOTCUA_RESULT_OK);
    CHECK(motcua_qr_codes_count(codes) == 1);
    motcua_found_code c;
    REQUIRE(motcua_qr_codes_get(codes, 0, &c) == MOTCUA_RESULT_OK);
    CHECK(c.has_text == 1 && c.charset == MOTCUA_CHARSET_UTF8);
    CHECK(c.text.len == strlen(A) && memcmp(c.text.data, A, c.text.len) == 0);
    CHECK(c.bytes_len == strlen(A) && memcmp(c.bytes, A, c.bytes_len) == 0);
    CHECK(c.version >= 1 && c.version <= 40 && c.ecc == MOTCUA_ECC_MEDIUM);
    /* Corners: top-left at the quiet zone's inner edge, bottom-right opposite. */
    CHECK(c.corners[0].x >= 10 && c.corners[0].x <= 14 && c.corners[0].y >= 10 && c.corners[0].y <= 14);
    CHECK(c.corners[2].x > c.corners[0].x && c.corners[2].y > c.corners[0].y);
    CHECK(motcua_qr_codes_get(codes, 1, &c) == MOTCUA_RESULT_INVALID_ARGUMENT);
    CHECK(motcua_qr_codes_get(NULL, 0, &c) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_qr_codes_get(codes, 0, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    motcua_qr_codes_free(codes);
    motcua_qr_codes_free(NULL);
    CHECK(motcua_qr_codes_count(NULL) == 0);

    /* One byte short of the last row, a stride shorter than a row. */
    codes = (motcua_qr_codes *)1; /* must stay untouched on errors */
    CHECK(motcua_qr_decode_gray(px, len - 1, (uint32_t)side, (uint32_t)side, stride, &codes) ==
          MOTCUA_RESULT_IMAGE_BUFFER_SHORT);
    CHECK(motcua_qr_decode_gray(px, len, (uint32_t)side, (uint32_t)side, side - 1, &codes) == MOTCUA_RESULT_IMAGE_STRIDE);
    CHECK(motcua_qr_decode_gray(px, len, 1, 1, 1, &codes) == MOTCUA_RESULT_IMAGE_TOO_SMALL);
    CHECK(motcua_qr_decode_gray(px, len, UINT32_MAX, UINT32_MAX, SIZE_MAX, &codes) == MOTCUA_RESULT_IMAGE_TOO_LARGE);
    CHECK(motcua_qr_decode_gray(NULL, 0, 30, 30, 30, &codes) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_qr_decode_gray(px, len, (uint32_t)side, (uint32_t)side, stride, NULL) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(codes == (motcua_qr_codes *)1);

    /* Blank paper, noise: no code. */
    memset(px, 200, len);
    CHECK(motcua_qr_decode_gray(px, len, (uint32_t)side, (uint32_t)side, stride, &codes) == MOTCUA_RESULT_IMAGE_NO_QR);
    uint32_t seed = 12345;
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        px[i] = (uint8_t)(seed >> 16);
    }
    CHECK(motcua_qr_decode_gray(px, len, (uint32_t)side, (uint32_t)side, stride, &codes) == MOTCUA_RESULT_IMAGE_NO_QR);
    free(px);

    /* RGBA, light on dark (a negative): the same payload. */
    uint8_t *g = render(A, 2, 0, &side, &stride);
    REQUIRE(g != NULL);
    uint8_t *rgba = malloc(4 * side * side);
    REQUIRE(rgba != NULL);
    for (size_t i = 0; i < side * side; i++) {
        uint8_t v = (uint8_t)(255 - g[i]);
        rgba[4 * i] = v;
        rgba[4 * i + 1] = v;
        rgba[4 * i + 2] = v;
        rgba[4 * i + 3] = 255;
    }
    REQUIRE(motcua_qr_decode_rgba(rgba, 4 * side * side, (uint32_t)side, (uint32_t)side, 4 * side, &codes) ==
            MOTCUA_RESULT_OK);
    REQUIRE(motcua_qr_codes_get(codes, 0, &c) == MOTCUA_RESULT_OK);
    CHECK(c.text.len == strlen(A) && memcmp(c.text.data, A, c.text.len) == 0);
    motcua_qr_codes_free(codes);
    CHECK(motcua_qr_decode_rgba(rgba, 4 * side * side, (uint32_t)side, (uint32_t)side, 4 * side - 1, &codes) ==
          MOTCUA_RESULT_IMAGE_STRIDE);
    free(rgba);
    free(g);
}

/* A Word form filled from a scan (#23): the sample template, with and
 * without the office's values; an unknown placeholder, a file that is not a
 * .docx and a bad scan each get their own result, and nothing is written. */
static void test_form_fill(void) {
    motcua_date as_of = {2026, 12, 1};
    static const char office[] = "UBND x\xc3\xa3 Minh Khai", place[] = "H\xc3\xa0 N\xe1\xbb\x99i";
    motcua_form_value values[] = {
        {{"co_quan", 7}, {office, sizeof office - 1}},
        {{"dia_danh", 8}, {place, sizeof place - 1}},
    };
    motcua_form_options opts = {0};
    opts.values = values;
    opts.values_len = 2;
    motcua_bytes out = {0};
    REQUIRE(motcua_form_fill(TO_KHAI_DOCX, sizeof TO_KHAI_DOCX, A, strlen(A), &as_of, &opts, &out) ==
            MOTCUA_RESULT_OK);
    CHECK(out.len > 1000 && memcmp(out.data, "PK\x03\x04", 4) == 0);
    motcua_bytes_free(&out);
    CHECK(out.data == NULL && out.len == 0);
    /* Masked, with the scanner's CR LF: still fills. */
    char scanned[512];
    snprintf(scanned, sizeof scanned, "%s\r\n", A);
    opts.masked = true;
    CHECK(motcua_form_fill(TO_KHAI_DOCX, sizeof TO_KHAI_DOCX, scanned, strlen(scanned), &as_of, &opts, &out) ==
          MOTCUA_RESULT_OK);
    motcua_bytes_free(&out);
    /* Without options: the office's placeholders are left empty. */
    CHECK(motcua_form_fill(TO_KHAI_DOCX, sizeof TO_KHAI_DOCX, A, strlen(A), &as_of, NULL, &out) == MOTCUA_RESULT_OK);
    motcua_bytes_free(&out);
    /* A placeholder the library does not fill: refused, nothing written. */
    motcua_bytes none = {0};
    CHECK(motcua_form_fill(UNKNOWN_DOCX, sizeof UNKNOWN_DOCX, A, strlen(A), &as_of, NULL, &none) ==
          MOTCUA_RESULT_FORM_PLACEHOLDER_UNKNOWN);
    CHECK(none.data == NULL);
    static const unsigned char not_docx[] = "PK\x03\x04 not a zip";
    CHECK(motcua_form_fill(not_docx, sizeof not_docx, A, strlen(A), &as_of, &opts, &none) ==
          MOTCUA_RESULT_FORM_NOT_DOCX);
    CHECK(motcua_form_fill(TO_KHAI_DOCX, sizeof TO_KHAI_DOCX, "001090123456|x", 14, &as_of, &opts, &none) ==
          MOTCUA_RESULT_CCCD_FIELD_COUNT);
    CHECK(motcua_form_fill(NULL, 0, A, strlen(A), &as_of, &opts, &none) == MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(motcua_form_fill(TO_KHAI_DOCX, sizeof TO_KHAI_DOCX, A, strlen(A), &as_of, &opts, NULL) ==
          MOTCUA_RESULT_NULL_PARAMETER);
    opts.values = NULL;
    CHECK(motcua_form_fill(TO_KHAI_DOCX, sizeof TO_KHAI_DOCX, A, strlen(A), &as_of, &opts, &none) ==
          MOTCUA_RESULT_NULL_PARAMETER);
    CHECK(none.data == NULL);
    /* The result's messages come from the print catalogue. */
    char msg[MOTCUA_MESSAGE_MAX];
    size_t n = 0;
    CHECK(motcua_error_message(MOTCUA_RESULT_FORM_NOT_DOCX, MOTCUA_LANG_VI, msg, sizeof msg, &n) == MOTCUA_RESULT_OK);
    CHECK(strstr(msg, "docx") != NULL);
}

int main(void) {
    RUN(test_version);
    RUN(test_strict_parse_is_zero_copy);
    RUN(test_strict_parse_refuses_what_needs_repair);
    RUN(test_scanned_suffix_stays_zero_copy);
    RUN(test_scanned_mojibake_owns_repaired_text);
    RUN(test_2024_card);
    RUN(test_reference_date);
    RUN(test_every_cccd_error);
    RUN(test_hostile_input);
    RUN(test_error_messages);
    RUN(test_id_and_cmnd);
    RUN(test_cmnd_link);
    RUN(test_repair_messages);
    RUN(test_dossier_round_trip);
    RUN(test_dossier_result_and_privacy);
    RUN(test_dossier_decode_bare_code);
    RUN(test_dossier_errors);
    RUN(test_qr);
    RUN(test_qr_decode_image);
    RUN(test_form_fill);
    return DONE();
}
