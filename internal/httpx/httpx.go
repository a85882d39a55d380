// Package httpx holds what the HTTP front doors (staff web client, OPAC,
// JSON API) share: request ids, client addresses and the mapping of domain
// error codes to HTTP status codes.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
)

type ctxKey int

const requestIDKey ctxKey = 1

// RequestIDHeader carries the request id back to the client.
const RequestIDHeader = "X-Request-Id"

// WithRequestID gives every request an id (kept in the context and sent back
// in a header) so that a person's report of an error can be found in the log.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// RequestID returns the id of the request being served.
func RequestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey).(string)
	return id
}

// ClientIP returns the address of the client. Behind a reverse proxy that
// the operator trusts (trustProxy), the last address the proxy appended to
// X-Forwarded-For is used.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Status maps a domain error code to an HTTP status code.
func Status(code apperr.Code) int {
	switch code {
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Invalid, apperr.InvalidReference:
		return http.StatusUnprocessableEntity
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.Unauthenticated:
		return http.StatusUnauthorized
	case apperr.TooManyRequests:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// SecurityHeaders sets the headers every Lantai response carries.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}
