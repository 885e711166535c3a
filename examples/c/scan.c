/* What a portal developer copies: read what a USB scanner types (one CCCD
 * QR payload per line on stdin), parse it with the scanner repairs, print
 * the fields, or the error in Vietnamese.
 *
 *   cc scan.c $(pkg-config --cflags --libs motcua) -o scan
 *   ./scan < scans.txt
 *
 * The ID number is printed masked (Nghị định 13/2023: personal data). */
#include <motcua.h>

#include <stdio.h>
#include <string.h>

static void print_date(const char *label, motcua_date d) {
    if (d.year == 0) {
        printf("  %s: không thời hạn\n", label);
    } else {
        printf("  %s: %02u/%02u/%04u\n", label, d.day, d.month, d.year);
    }
}

int main(void) {
    static char line[8192];
    unsigned long n = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        n++;
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n') {
            len--; /* the line break between scans; a CR or TAB stays for the library to report */
        }
        if (len == 0) {
            continue;
        }
        motcua_card card = {0};
        motcua_result rc = motcua_cccd_parse_scanned(line, len, NULL, &card);
        if (rc != MOTCUA_RESULT_OK) {
            char msg[MOTCUA_MESSAGE_MAX];
            size_t m = 0;
            motcua_str code = motcua_error_code_str(rc);
            motcua_error_message(rc, MOTCUA_LANG_VI, msg, sizeof msg, &m);
            printf("dòng %lu: LỖI %.*s: %s\n", n, (int)code.len, code.data, msg);
            continue;
        }
        char masked[16];
        size_t m = 0;
        motcua_cccd_mask_id(card.id.data, card.id.len, masked, sizeof masked, &m);
        printf("dòng %lu: thẻ %u\n", n, card.layout);
        /* The masked ID is what may go into a log; the other fields fill the
         * clerk's form in full. */
        printf("  %s: %s\n", "Số định danh", masked);
        printf("  %s: %.*s\n", "Nơi đăng ký khai sinh", (int)card.province.len, card.province.data);
        printf("  %s: %.*s\n", "Họ và tên", (int)card.name.len, card.name.data);
        print_date("Ngày sinh", card.birth_date);
        printf("  %s: %s\n", "Giới tính", card.sex == MOTCUA_SEX_MALE ? "Nam" : "Nữ");
        printf("  %s: %.*s\n", "Nơi thường trú", (int)card.address.len, card.address.data);
        print_date("Ngày cấp", card.issue_date);
        print_date("Có giá trị đến", card.expiry_date);
        if (card.expired) {
            printf("  THẺ ĐÃ HẾT HẠN\n");
        }
        for (uint32_t bit = 1; bit <= MOTCUA_REPAIR_NFC; bit <<= 1) {
            motcua_str what;
            if ((card.repairs & bit) && motcua_repair_message(bit, MOTCUA_LANG_VI, &what) == MOTCUA_RESULT_OK) {
                printf("  sửa lỗi máy quét: %.*s\n", (int)what.len, what.data);
            }
        }
        motcua_card_free(&card);
    }
    return 0;
}
