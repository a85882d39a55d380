package web

import (
	"lantai.dev/lantai/internal/auth"
)

type tokensData struct {
	Tokens []auth.APIToken
	Secret string // shown once, right after creation
}

// tokens lists the person's own API tokens.
func (s *Server) tokens(r *req) {
	s.renderTokens(r, "")
}

func (s *Server) renderTokens(r *req, secret string) {
	list, err := s.auth.ListTokens(r.Context(), r.Actor(), false)
	if err != nil {
		r.fail(err)
		return
	}
	r.render(200, "tokens", r.T("tokens.title"), tokensData{Tokens: list, Secret: secret})
}

// tokenCreate issues a token and shows it once.
func (s *Server) tokenCreate(r *req) {
	secret, _, err := s.auth.CreateToken(r.Context(), r.Actor(), r.Principal.Staff.Username, r.FormValue("name"))
	if err != nil {
		r.fail(err)
		return
	}
	s.renderTokens(r, secret)
}

// tokenRevoke revokes one of the person's tokens.
func (s *Server) tokenRevoke(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if err := s.auth.RevokeToken(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	r.redirect("/staff/tokens?done=flash.token_revoked")
}
