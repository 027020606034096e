/*
 * serve/auth.c - secrets and passwords: random text from getrandom(),
 * SHA-256 of secrets compared in constant time, Argon2id password hashes
 * (libsodium), and the credentials the CLI creates.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

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

/* ------------------------------------------------ the CLI's credentials */

int rota_serve_feed_token(struct rota_store *st, const char *employee,
			  const char *team, int64_t now,
			  char token[ROTA_SERVE_SECRET_MAX],
			  struct rota_error *err)
{
	struct rota_secret sec;
	char text[ROTA_SERVE_SECRET_MAX];
	int rc;

	if ((rc = serve_secret_new(text, &sec, err)) < 0 ||
	    (rc = rota_store_feed_token_put(st, employee, team, &sec, now,
					    err)) < 0)
		return rc;
	memcpy(token, text, sizeof(text));
	return 0;
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
