/*
 * serve/auth.c - secrets and passwords: random text from getrandom(),
 * SHA-256 of secrets compared in constant time, Argon2id password hashes
 * (libsodium), the site's feed key and the feed tokens derived from it,
 * and the credentials the CLI creates.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve/serve_int.h"

#define SELECTOR_LEN 12   /* 9 bytes */
#define VERIFIER_LEN 43   /* 32 bytes */
#define SECRET_LEN (SELECTOR_LEN + VERIFIER_LEN)

int serve_crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static int fill_random(unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

int serve_random_text(char *out, size_t size, size_t n)
{
	unsigned char buf[64];

	if (n > sizeof(buf) ||
	    size < sodium_base64_ENCODED_LEN(
			   n, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    fill_random(buf, n) < 0)
		return -1;
	sodium_bin2base64(out, size, buf, n,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(buf, sizeof(buf));
	return 0;
}

static int b64url_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int serve_secret_parse(const char *text, size_t len, struct rota_secret *sec)
{
	if (len != SECRET_LEN)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (!b64url_char((unsigned char)text[i]))
			return -1;
	memcpy(sec->selector, text, SELECTOR_LEN);
	sec->selector[SELECTOR_LEN] = '\0';
	crypto_hash_sha256(sec->hash, (const unsigned char *)text, len);
	return 0;
}

int serve_secret_new(char text[ROTA_SERVE_SECRET_MAX], struct rota_secret *sec,
		     struct rota_error *err)
{
	char sel[SELECTOR_LEN + 1], ver[VERIFIER_LEN + 1];

	if (serve_crypto_init() < 0 ||
	    serve_random_text(sel, sizeof(sel), 9) < 0 ||
	    serve_random_text(ver, sizeof(ver), 32) < 0)
		return rota_error_set(err, ROTA_EIO,
				      "no random numbers from the system");
	snprintf(text, ROTA_SERVE_SECRET_MAX, "%s%s", sel, ver);
	sodium_memzero(ver, sizeof(ver));
	if (serve_secret_parse(text, strlen(text), sec) < 0)
		return rota_error_set(err, ROTA_EINVAL, "bad secret");
	return 0;
}

int serve_hash_equal(const unsigned char *a, const unsigned char *b)
{
	return crypto_verify_32(a, b) == 0;
}

int serve_password_hash(const char *password, char out[ROTA_PWHASH_MAX],
			struct rota_error *err)
{
	char buf[crypto_pwhash_STRBYTES];

	if (serve_crypto_init() < 0)
		return rota_error_set(err, ROTA_EIO, "libsodium failed to "
				      "start");
	if (crypto_pwhash_str(buf, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return rota_error_set(err, ROTA_ENOMEM, "hashing the password "
				      "ran out of memory");
	if (strlen(buf) >= ROTA_PWHASH_MAX)
		return rota_error_set(err, ROTA_EINVAL, "password hash too "
				      "long");
	memcpy(out, buf, strlen(buf) + 1);
	return 0;
}

int serve_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* ------------------------------------------------------ the feed key */

/* Read exactly ROTA_FEED_KEY_LEN bytes from fd (ROTA_EDATA otherwise). */
static int read_key(int fd, const char *path, unsigned char *key,
		    struct rota_error *err)
{
	struct stat sb;
	size_t got = 0;

	if (fstat(fd, &sb) < 0)
		return rota_error_set(err, ROTA_EIO, "feed key '%s': %s", path,
				      strerror(errno));
	if (!S_ISREG(sb.st_mode) || sb.st_size != ROTA_FEED_KEY_LEN)
		return rota_error_set(err, ROTA_EDATA,
				      "feed key '%s' is not a file of %d bytes",
				      path, ROTA_FEED_KEY_LEN);
	if (sb.st_mode & (S_IRWXG | S_IRWXO))
		return rota_error_set(err, ROTA_EDATA,
				      "feed key '%s' is open to others (mode "
				      "%04o): chmod 600 it",
				      path, (unsigned)(sb.st_mode & 07777));
	while (got < ROTA_FEED_KEY_LEN) {
		ssize_t r = read(fd, key + got, ROTA_FEED_KEY_LEN - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return rota_error_set(err, ROTA_EIO,
					      "feed key '%s': short read", path);
		got += (size_t)r;
	}
	return 0;
}

/* Make the key file: random bytes in a private temporary file next to it,
 * linked into place (link() never replaces an existing file, so two
 * processes making it at once agree on one key). */
static int make_key(const char *path, struct rota_error *err)
{
	unsigned char key[ROTA_FEED_KEY_LEN];
	char tmp[4096];
	size_t done = 0;
	int fd, ok, rc = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return rota_error_set(err, ROTA_EINVAL, "feed key path too "
				      "long");
	if (fill_random(key, sizeof(key)) < 0)
		return rota_error_set(err, ROTA_EIO,
				      "no random numbers from the system");
	if ((fd = mkstemp(tmp)) < 0) {
		rc = rota_error_set(err, ROTA_EIO, "cannot make feed key '%s': "
				    "%s", path, strerror(errno));
		goto out;
	}
	(void)fchmod(fd, S_IRUSR | S_IWUSR);
	while (done < sizeof(key)) {
		ssize_t w = write(fd, key + done, sizeof(key) - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	ok = done == sizeof(key) && fsync(fd) == 0;
	if (close(fd) < 0)
		ok = 0;
	if (!ok) {
		rc = rota_error_set(err, ROTA_EIO, "cannot write feed key "
				    "'%s': %s", path, strerror(errno));
	} else if (link(tmp, path) < 0 && errno != EEXIST) {
		rc = rota_error_set(err, ROTA_EIO, "cannot make feed key '%s': "
				    "%s", path, strerror(errno));
	}
	unlink(tmp);
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}

int rota_serve_feed_key_load(const char *path, int create,
			     unsigned char key[ROTA_FEED_KEY_LEN],
			     struct rota_error *err)
{
	unsigned char buf[ROTA_FEED_KEY_LEN];
	int fd, rc;

	if (!path || !*path)
		return rota_error_set(err, ROTA_EINVAL, "no feed key path");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if ((rc = make_key(path, err)) < 0)
			return rc;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return errno == ENOENT
			       ? rota_error_set(err, ROTA_ENOTFOUND,
						"no feed key '%s'", path)
			       : rota_error_set(err, ROTA_EIO,
						"feed key '%s': %s", path,
						strerror(errno));
	rc = read_key(fd, path, buf, err);
	close(fd);
	if (rc == 0)
		memcpy(key, buf, sizeof(buf));
	sodium_memzero(buf, sizeof(buf));
	return rc;
}

/* The token of a subject's feed with this selector: SELECTOR followed by
 * base64url(HMAC-SHA256(key, "rota-feed" NUL kind NUL subject NUL
 * SELECTOR)), 12 + 43 characters. */
static int derive(const unsigned char key[ROTA_FEED_KEY_LEN],
		  const char *employee, const char *team, const char *selector,
		  char token[ROTA_SERVE_SECRET_MAX], struct rota_secret *sec,
		  struct rota_error *err)
{
	const char *kind = employee ? "employee" : "team";
	const char *who = employee ? employee : team;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state h;
	char ver[VERIFIER_LEN + 1];

	if (serve_crypto_init() < 0)
		return rota_error_set(err, ROTA_EIO, "libsodium failed to "
				      "start");
	if (strlen(selector) != SELECTOR_LEN)
		return rota_error_set(err, ROTA_EDATA, "a stored feed selector "
				      "is malformed");
	crypto_auth_hmacsha256_init(&h, key, ROTA_FEED_KEY_LEN);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)"rota-feed",
				      sizeof("rota-feed"));
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)kind,
				      strlen(kind) + 1);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)who,
				      strlen(who) + 1);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)selector,
				      SELECTOR_LEN);
	crypto_auth_hmacsha256_final(&h, mac);
	sodium_bin2base64(ver, sizeof(ver), mac, sizeof(mac),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(token, ROTA_SERVE_SECRET_MAX, "%s%s", selector, ver);
	sodium_memzero(mac, sizeof(mac));
	sodium_memzero(ver, sizeof(ver));
	sodium_memzero(&h, sizeof(h));
	if (serve_secret_parse(token, strlen(token), sec) < 0)
		return rota_error_set(err, ROTA_EINVAL, "bad secret");
	return 0;
}

/* ------------------------------------------------ the CLI's credentials */

int rota_serve_feed_token(struct rota_store *st, const char *employee,
			  const char *team,
			  const unsigned char key[ROTA_FEED_KEY_LEN],
			  int64_t now, char token[ROTA_SERVE_SECRET_MAX],
			  struct rota_error *err)
{
	struct rota_secret sec;
	char sel[SELECTOR_LEN + 1], text[ROTA_SERVE_SECRET_MAX];
	int rc;

	if (!employee == !team)
		return rota_error_set(err, ROTA_EINVAL,
				      "a feed is an employee's or a team's");
	if (serve_crypto_init() < 0 ||
	    serve_random_text(sel, sizeof(sel), 9) < 0)
		return rota_error_set(err, ROTA_EIO,
				      "no random numbers from the system");
	if ((rc = derive(key, employee, team, sel, text, &sec, err)) < 0 ||
	    (rc = rota_store_feed_token_put(st, employee, team, &sec, now,
					    err)) < 0)
		goto out;
	memcpy(token, text, sizeof(text));
out:
	sodium_memzero(text, sizeof(text));
	return rc;
}

int rota_serve_feed_token_show(struct rota_store *st, const char *employee,
			       const char *team,
			       const unsigned char key[ROTA_FEED_KEY_LEN],
			       char token[ROTA_SERVE_SECRET_MAX],
			       struct rota_feed_token *out,
			       struct rota_error *err)
{
	struct rota_feed_token ft;
	struct rota_secret sec;
	char text[ROTA_SERVE_SECRET_MAX];
	int rc;

	if ((rc = rota_store_feed_token_get(st, employee, team, &ft, err)) < 0)
		return rc;
	if ((rc = derive(key, employee, team, ft.selector, text, &sec, err)) <
	    0)
		goto out;
	if (!serve_hash_equal(sec.hash, ft.hash)) {
		rc = rota_error_set(err, ROTA_ECONFLICT,
				    "%s '%s': the feed URL was not made with "
				    "this feed key",
				    employee ? "employee" : "team",
				    employee ? employee : team);
		goto out;
	}
	memcpy(token, text, sizeof(text));
	if (out)
		*out = ft;
out:
	sodium_memzero(text, sizeof(text));
	return rc;
}

int rota_serve_terminal_add(struct rota_store *st, const char *name,
			    int64_t now, char key[ROTA_SERVE_SECRET_MAX],
			    struct rota_error *err)
{
	struct rota_secret sec;
	char text[ROTA_SERVE_SECRET_MAX];
	int rc;

	if ((rc = serve_secret_new(text, &sec, err)) < 0 ||
	    (rc = rota_store_terminal_add(st, name, &sec, now, err)) < 0)
		return rc;
	memcpy(key, text, sizeof(text));
	return 0;
}

int rota_serve_user_set(struct rota_store *st, const char *name,
			const char *role, const char *password, int64_t now,
			struct rota_error *err)
{
	char hash[ROTA_PWHASH_MAX];
	int rc;

	if (!password || strlen(password) < 8)
		return rota_error_set(err, ROTA_EINVAL,
				      "a password has at least 8 characters");
	if (strlen(password) > 1024)
		return rota_error_set(err, ROTA_EINVAL,
				      "a password has at most 1024 bytes");
	if ((rc = serve_password_hash(password, hash, err)) < 0)
		return rc;
	return rota_store_user_put(st, name, role, hash, now, err);
}

int rota_serve_feed_url(const char *base_url, const char *token, char *buf,
			size_t size, struct rota_error *err)
{
	size_t n = base_url ? strlen(base_url) : 0;
	int w;

	while (n && base_url[n - 1] == '/')
		n--;
	w = snprintf(buf, size, "%.*s/cal/%s.ics", (int)n,
		     base_url ? base_url : "", token);
	if (w < 0 || (size_t)w >= size)
		return rota_error_set(err, ROTA_EINVAL, "URL too long");
	return 0;
}
