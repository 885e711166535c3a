/* Synthetic payloads shared by the C tests. */
#ifndef MOTCUA_SAMPLES_H
#define MOTCUA_SAMPLES_H

#include <motcua.h>

/* The reference date of every parse: "today" is fixed so the test never
 * goes stale. */
static const motcua_date TODAY = {2026, 11, 23};

/* A clean 2021 card (7 fields). */
static const char A[] =
    "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
/* The same, as a keyboard-wedge scanner types it: UTF-8 bytes read as
 * Windows-1252 ("mojibake"). */
static const char A_MOJIBAKE[] =
    "001090123456|123456789|Nguy\xc3\xa1\xc2\xbb\xe2\x80\xa6n V\xc3\x84\xc6\x92n A|01011990|Nam|"
    "S\xc3\xa1\xc2\xbb\xe2\x80\x98 1 Ph\xc3\xa1\xc2\xbb\xe2\x80\x98 X, Ph\xc3\x86\xc2\xb0\xc3\xa1"
    "\xc2\xbb\xc2\x9dng Y, Qu\xc3\xa1\xc2\xba\xc2\xadn Z, H\xc3\x83\xc2\xa0 N\xc3\xa1\xc2\xbb\xe2"
    "\x84\xa2i|15042021";
#endif
