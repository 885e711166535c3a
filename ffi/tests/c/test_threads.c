/* Several threads parse, repair, encode and decode at once: the library
 * has no global mutable state, so every thread must get exactly the
 * results a single thread gets. Run plain, under ASan/UBSan and valgrind
 * (helgrind is not used: Rust's std synchronises internally). */
#include <motcua.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "samples.h"

#define THREADS 8

static const char BAD_SEX[] =
    "001190123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
static const char DOSSIER[] = "38.98.H29-210519-0003";

static int iterations = 2000;

struct job {
    int id;
    int wrong; /* results that differ from the single-threaded answer */
};

static void *work(void *arg) {
    struct job *job = arg;
    char msg[MOTCUA_MESSAGE_MAX];
    size_t n;
    for (int i = 0; i < iterations; i++) {
        motcua_card card = {0};
        /* Each thread owns a private copy of its input, changed per round. */
        char own[sizeof A + 4];
        snprintf(own, sizeof own, "%s%s", A, (i + job->id) % 2 ? "\r\n" : "");
        if (motcua_cccd_parse_scanned(own, strlen(own), &TODAY, &card) != MOTCUA_RESULT_OK ||
            !STR_EQ(card.name, "Nguyễn Văn A") || card.owns_text) {
            job->wrong++;
        }
        motcua_card_free(&card);
        if (motcua_cccd_parse_scanned(A_MOJIBAKE, strlen(A_MOJIBAKE), &TODAY, &card) != MOTCUA_RESULT_OK ||
            !STR_EQ(card.address, "Số 1 Phố X, Phường Y, Quận Z, Hà Nội") || !card.owns_text) {
            job->wrong++;
        }
        motcua_card_free(&card);
        if (motcua_cccd_parse(BAD_SEX, strlen(BAD_SEX), &TODAY, &card) != MOTCUA_RESULT_CCCD_ID_SEX_MISMATCH ||
            motcua_error_message(MOTCUA_RESULT_CCCD_ID_SEX_MISMATCH, (uint32_t)(i % 2), msg, sizeof msg, &n) !=
                MOTCUA_RESULT_OK) {
            job->wrong++;
        }
        motcua_dossier d = {0};
        if (motcua_dossier_decode(DOSSIER, strlen(DOSSIER), &d) != MOTCUA_RESULT_OK ||
            !STR_EQ(d.fields.dossier_code, DOSSIER)) {
            job->wrong++;
        }
        motcua_dossier_free(&d);
        if (i % 100 == 0) {
            motcua_qr *qr = NULL;
            if (motcua_qr_encode(A, strlen(A), NULL, &qr) != MOTCUA_RESULT_OK || motcua_qr_size(qr) == 0) {
                job->wrong++;
            }
            motcua_qr_free(qr);
        }
    }
    return NULL;
}

static void test_threads_agree(void) {
    pthread_t t[THREADS];
    struct job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].id = i;
        jobs[i].wrong = 0;
        CHECK(pthread_create(&t[i], NULL, work, &jobs[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(t[i], NULL) == 0);
        CHECK(jobs[i].wrong == 0);
    }
}

int main(void) {
    const char *env = getenv("MOTCUA_THREAD_ITERATIONS");
    if (env != NULL && atoi(env) > 0) {
        iterations = atoi(env);
    }
    RUN(test_threads_agree);
    printf("%d threads x %d rounds\n", THREADS, iterations);
    return DONE();
}
