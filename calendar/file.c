/*
 * calendar/file.c - atomic file replacement for published feeds.
 */
#include "calendar/calendar.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* mkdir -p; ROTA_EIO naming the directory that could not be made. */
static int make_dirs(const char *dir, struct rota_error *err)
{
	char path[PATH_MAX];
	struct stat sb;
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a usable directory name",
				      dir);
	memcpy(path, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return rota_error_set(err, ROTA_EIO,
					      "cannot create directory '%s': "
					      "%s", path, strerror(errno));
		path[i] = i == n ? '\0' : '/';
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return rota_error_set(err, ROTA_EIO, "'%s' is not a directory",
				      dir);
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* 1 when path holds exactly data[0..len). */
static int same_content(const char *path, const char *data, size_t len)
{
	char buf[65536];
	struct stat sb;
	size_t off = 0;
	int fd = open(path, O_RDONLY), same = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size != len)
		goto out;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (size_t)r > len - off ||
		    memcmp(buf, data + off, (size_t)r) != 0)
			goto out;
		if (r == 0)
			break;
		off += (size_t)r;
	}
	same = off == len;
out:
	close(fd);
	return same;
}

int rota_cal_write_file(const char *dir, const char *name, const char *data,
			size_t len, int *written, struct rota_error *err)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int fd, rc, n1, n2;

	if (!name[0] || name[0] == '.' || strchr(name, '/'))
		return rota_error_set(err, ROTA_EINVAL,
				      "'%s' is not a plain file name", name);
	n1 = snprintf(path, sizeof(path), "%s/%s", dir, name);
	n2 = snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name);
	if (n1 < 0 || n2 < 0 || (size_t)n2 >= sizeof(tmp))
		return rota_error_set(err, ROTA_EINVAL, "path '%s/%s' is too "
				      "long", dir, name);
	if ((rc = make_dirs(dir, err)) < 0)
		return rc;
	if (same_content(path, data, len)) {
		if (written)
			*written = 0;
		return 0;
	}
	if ((fd = mkstemp(tmp)) < 0)
		return rota_error_set(err, ROTA_EIO, "cannot create a file in "
				      "'%s': %s", dir, strerror(errno));
	if (write_all(fd, data, len) < 0 || fsync(fd) != 0 ||
	    fchmod(fd, 0644) != 0) {
		rc = rota_error_set(err, ROTA_EIO, "cannot write '%s': %s",
				    tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return rc;
	}
	if (close(fd) != 0) {
		rc = rota_error_set(err, ROTA_EIO, "cannot write '%s': %s",
				    tmp, strerror(errno));
		unlink(tmp);
		return rc;
	}
	if (rename(tmp, path) != 0) {
		rc = rota_error_set(err, ROTA_EIO, "cannot replace '%s': %s",
				    path, strerror(errno));
		unlink(tmp);
		return rc;
	}
	/* The directory is not fsync'ed: after a crash the rename may be
	 * lost, leaving the previous complete file, which the next publish
	 * replaces.  The data fsync above is what matters: it keeps a crash
	 * from leaving an empty file under the old name. */
	if (written)
		*written = 1;
	return 0;
}
