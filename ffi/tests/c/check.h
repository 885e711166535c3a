/* A tiny test harness for the C API tests: CHECK() records a failure and
 * carries on; RUN() runs one test function; DONE() prints a summary line in
 * cargo's format ("test result: ok. N passed; M failed; ...") that
 * scripts/test counts, and returns the exit status. */
#ifndef MOTCUA_CHECK_H
#define MOTCUA_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;   /* failed CHECKs in the current test */
static int tests_passed;
static int tests_failed;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            check_failures++;                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* CHECK, and end the test when it fails (later checks depend on it). */
#define REQUIRE(cond)          \
    do {                       \
        int ok_ = (cond);      \
        CHECK(ok_);            \
        if (!ok_) {            \
            return;            \
        }                      \
    } while (0)

/* A motcua_str equals a C string (bytes and length). */
#define STR_EQ(s, lit) ((s).len == strlen(lit) && memcmp((s).data, (lit), (s).len) == 0)

#define RUN(test)                                           \
    do {                                                    \
        check_failures = 0;                                 \
        test();                                             \
        if (check_failures == 0) {                          \
            tests_passed++;                                 \
            printf("test %s ... ok\n", #test);              \
        } else {                                            \
            tests_failed++;                                 \
            printf("test %s ... FAILED\n", #test);          \
        }                                                   \
    } while (0)

#define DONE()                                                                             \
    (printf("test result: %s. %d passed; %d failed; 0 ignored; 0 measured; 0 filtered out\n", \
            tests_failed ? "FAILED" : "ok", tests_passed, tests_failed),                    \
     tests_failed ? 1 : 0)

#endif
