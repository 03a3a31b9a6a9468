/* output.c — the files a command writes (-o, --csv, --plot) appear whole or not at all.
 *
 * Each file is written to a fresh temporary file in the directory of its destination
 * (mkstemp: O_EXCL, so never through a planted link) and renamed into place only when the
 * whole command has succeeded (cli_outputs_commit from main); on failure, or on SIGINT,
 * SIGTERM or SIGHUP, the temporary files are removed. A destination that is a symbolic link
 * to a regular file is refused rather than followed or replaced; a destination that is not a
 * regular file at all (/dev/null, a FIFO), and anything under /dev/ or /proc/ (/dev/stdout),
 * is written directly, since a rename cannot apply to it. */
#include "cli.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_OUTPUTS = 4 };

typedef struct staged {
    char *tmp;      /* the temporary file, NULL once renamed or removed */
    char *dest;
} staged;

static staged outputs[MAX_OUTPUTS];
/* the temporary names again, as fixed buffers the signal handler may read */
static char pending[MAX_OUTPUTS][PATH_MAX];
static volatile sig_atomic_t npending;

static void on_signal(int sig)
{
    for (sig_atomic_t i = 0; i < npending; i++)
        if (pending[i][0]) unlink(pending[i]);   /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_signals(void)
{
    static int done;
    if (done) return;
    done = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int write_all(int fd, const char *text, size_t len)
{
    while (len) {
        ssize_t n = write(fd, text, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return 0;
        }
        text += n;
        len -= (size_t)n;
    }
    return 1;
}

/* Directly, for destinations a rename cannot replace (devices, FIFOs). */
static int write_direct(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) { fprintf(stderr, "liaison: cannot write %s: %s\n", path, strerror(errno)); return EXIT_INPUT; }
    int ok = write_all(fd, text, len);
    int err = errno;
    if (close(fd) != 0 && ok) { ok = 0; err = errno; }
    if (!ok) { fprintf(stderr, "liaison: write to %s failed: %s\n", path, strerror(err)); return EXIT_INTERNAL; }
    return EXIT_OK;
}

int cli_output_file(const char *path, const char *text, size_t len)
{
    struct stat lst, st;
    /* /dev/stdout, /dev/fd/N, /proc/self/fd/N: links the system owns, to whatever the
     * descriptor is (a pipe, a terminal, the file the shell redirected to) */
    if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0) return write_direct(path, text, len);
    if (lstat(path, &lst) == 0) {
        if (S_ISLNK(lst.st_mode)) {
            if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
                return write_direct(path, text, len);   /* /dev/stdout and the like */
            fprintf(stderr, "liaison: %s is a symbolic link; liaison does not write through links to files "
                            "(give the path of the file itself)\n", path);
            return EXIT_INPUT;
        }
        if (S_ISDIR(lst.st_mode)) { fprintf(stderr, "liaison: cannot write %s: it is a directory\n", path); return EXIT_INPUT; }
        if (!S_ISREG(lst.st_mode)) return write_direct(path, text, len);
    }
    size_t n;
    for (n = 0; n < MAX_OUTPUTS && outputs[n].dest; n++) {}
    if (n == MAX_OUTPUTS) { fprintf(stderr, "liaison: too many output files\n"); return EXIT_INTERNAL; }
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t need = dirlen + strlen(slash ? slash + 1 : path) + 16;
    if (need >= PATH_MAX) { fprintf(stderr, "liaison: cannot write %s: the name is too long\n", path); return EXIT_INPUT; }
    char *tmp = malloc(need), *dest = strdup(path);
    if (!tmp || !dest) {
        free(tmp);
        free(dest);
        fprintf(stderr, "liaison: cannot write %s: out of memory naming its temporary file\n", path);
        return EXIT_INTERNAL;
    }
    snprintf(tmp, need, "%.*s.%s.XXXXXX", (int)dirlen, path, slash ? slash + 1 : path);
    catch_signals();
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "liaison: cannot write %s: %s\n", path, strerror(errno));
        free(tmp);
        free(dest);
        return EXIT_INPUT;
    }
    memcpy(pending[n], tmp, strlen(tmp) + 1);
    outputs[n].tmp = tmp;
    outputs[n].dest = dest;
    npending = (sig_atomic_t)(n + 1);
    /* the permissions an ordinary creation would give, not mkstemp's 0600 */
    mode_t mask = umask(0);
    umask(mask);
    int ok = fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, text, len) && fsync(fd) == 0;
    int err = errno;
    if (close(fd) != 0 && ok) { ok = 0; err = errno; }
    if (!ok) { fprintf(stderr, "liaison: write to %s failed: %s\n", path, strerror(err)); return EXIT_INTERNAL; }
    return EXIT_OK;
}

int cli_output_append(const char *path, const char *text, size_t len)
{
    const char *target = path;
    for (size_t n = 0; n < MAX_OUTPUTS && outputs[n].dest; n++)
        if (strcmp(outputs[n].dest, path) == 0 && outputs[n].tmp) target = outputs[n].tmp;
    /* the staged copy, or a device or FIFO the first piece was written to directly */
    int fd = open(target, O_WRONLY | O_APPEND);
    if (fd < 0) { fprintf(stderr, "liaison: cannot write %s: %s\n", path, strerror(errno)); return EXIT_INPUT; }
    int ok = write_all(fd, text, len) && (target == path || fsync(fd) == 0);
    int err = errno;
    if (close(fd) != 0 && ok) { ok = 0; err = errno; }
    if (!ok) { fprintf(stderr, "liaison: write to %s failed: %s\n", path, strerror(err)); return EXIT_INTERNAL; }
    return EXIT_OK;
}

int cli_outputs_commit(void)
{
    int rc = EXIT_OK;
    for (size_t i = 0; i < MAX_OUTPUTS && outputs[i].dest; i++) {
        if (!outputs[i].tmp) continue;
        if (rc == EXIT_OK && rename(outputs[i].tmp, outputs[i].dest) != 0) {
            fprintf(stderr, "liaison: cannot write %s: %s\n", outputs[i].dest, strerror(errno));
            rc = EXIT_INTERNAL;
        }
        if (rc != EXIT_OK) unlink(outputs[i].tmp);
        pending[i][0] = 0;
        free(outputs[i].tmp);
        outputs[i].tmp = NULL;
    }
    for (size_t i = 0; i < MAX_OUTPUTS; i++) { free(outputs[i].dest); outputs[i].dest = NULL; }
    npending = 0;
    return rc;
}

void cli_outputs_abort(void)
{
    for (size_t i = 0; i < MAX_OUTPUTS && outputs[i].dest; i++) {
        if (outputs[i].tmp) unlink(outputs[i].tmp);
        pending[i][0] = 0;
        free(outputs[i].tmp);
        free(outputs[i].dest);
        outputs[i].tmp = outputs[i].dest = NULL;
    }
    npending = 0;
}

/* Two names for one file: the same text, or (when both exist) the same device and inode, or
 * the same directory and last component. */
int cli_same_file(const char *a, const char *b)
{
    if (strcmp(a, b) == 0) return 1;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    const char *ba = strrchr(a, '/'), *bb = strrchr(b, '/');
    if (strcmp(ba ? ba + 1 : a, bb ? bb + 1 : b) != 0) return 0;
    char da[PATH_MAX], db[PATH_MAX];
    snprintf(da, sizeof da, "%.*s", ba ? (int)(ba - a) + 1 : 1, ba ? a : ".");
    snprintf(db, sizeof db, "%.*s", bb ? (int)(bb - b) + 1 : 1, bb ? b : ".");
    return stat(da, &sa) == 0 && stat(db, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int cli_distinct_outputs(const char *command, const char *const *paths, const char *const *flags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (paths[i] && paths[j] && cli_same_file(paths[i], paths[j])) {
                fprintf(stderr, "liaison %s: %s and %s both name %s; give each output its own file\n", command, flags[i],
                        flags[j], paths[j]);
                return EXIT_INPUT;
            }
    return EXIT_OK;
}
