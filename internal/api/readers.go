package api

import (
	"bytes"
	"io"
	"maps"
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// Readers and their cards under /readers: register, find, read, change,
// and the card operations — report lost 挂失, unblock 解挂 (the lost card is
// found), replace 补办, extend and expire, block and lift the block. The
// identity number is taken whole and only ever answered masked
// (id_number_masked). Reading needs circ.readers, circ.checkout or
// circ.fees; every change needs circ.readers.

// readerBody is a reader as registered: the card number and the details.
type readerBody struct {
	Card       string `json:"card"`
	Name       string `json:"name"`
	IDNumber   string `json:"id_number"`
	Category   string `json:"category"`
	Department string `json:"department"`
	Class      string `json:"class"`
	Phone      string `json:"phone"`
	Email      string `json:"email"`
	ExpiresOn  string `json:"expires_on"`
	Notes      string `json:"notes"`
}

// readerUpdate is a reader's details as changed. An absent id_number
// keeps the stored one (the API never answers it whole, so a client
// cannot send it back); "" removes it. Version, when not 0, must be the
// version that was read.
type readerUpdate struct {
	Name       string  `json:"name"`
	IDNumber   *string `json:"id_number"`
	Category   string  `json:"category"`
	Department string  `json:"department"`
	Class      string  `json:"class"`
	Phone      string  `json:"phone"`
	Email      string  `json:"email"`
	ExpiresOn  string  `json:"expires_on"`
	Notes      string  `json:"notes"`
	Version    int     `json:"version"`
}

// readerError names the body's fields in a refusal of the readers'
// service (card, not card_number) and masks an identity number it quotes.
func readerError(err error) error {
	e, ok := apperr.As(err)
	if !ok {
		return err
	}
	c := *e
	if c.Field == "card_number" {
		c.Field = "card"
	}
	if c.Field == "id_number" {
		if v, ok := c.Args["Value"].(string); ok {
			c.Args = maps.Clone(c.Args)
			c.Args["Value"] = readers.MaskIDNumber(v)
		}
	}
	return &c
}

func (s *Server) listReaders(c *call) (int, any, error) {
	q := c.URL.Query()
	query := readers.Query{Text: q.Get("q"), Category: q.Get("category"), Status: readers.Status(q.Get("status"))}
	limit, err := queryInt(q.Get("limit"), "limit")
	if err != nil {
		return 0, nil, err
	}
	offset, err := queryInt(q.Get("offset"), "offset")
	if err != nil {
		return 0, nil, err
	}
	query.Limit, query.Offset = int(min(limit, 1000)), int(min(offset, 1<<30))
	page, err := s.readers.Find(c.Context(), c.actor, query)
	if err != nil {
		return 0, nil, err
	}
	if page.Readers == nil {
		page.Readers = []readers.Reader{}
	}
	return http.StatusOK, page, nil
}

func (s *Server) createReader(c *call) (int, any, error) {
	var b readerBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.readers.Register(c.Context(), c.actor, b.Card, readers.Details{Name: b.Name, IDNumber: b.IDNumber, Category: b.Category,
		Department: b.Department, Class: b.Class, Phone: b.Phone, Email: b.Email, ExpiresOn: b.ExpiresOn, Notes: b.Notes})
	if err != nil {
		return 0, nil, readerError(err)
	}
	return http.StatusCreated, r, nil
}

func (s *Server) getReader(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	r, err := s.readers.Get(c.Context(), c.actor, id)
	return http.StatusOK, r, err
}

func (s *Server) updateReader(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var b readerUpdate
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	d := readers.Details{Name: b.Name, Category: b.Category, Department: b.Department, Class: b.Class,
		Phone: b.Phone, Email: b.Email, ExpiresOn: b.ExpiresOn, Notes: b.Notes}
	if b.IDNumber != nil {
		d.IDNumber = *b.IDNumber
	} else {
		// Keep the stored number: read it as the version that is changed.
		cur, err := s.readers.Get(c.Context(), c.actor, id)
		if err != nil {
			return 0, nil, err
		}
		d.IDNumber = cur.IDNumber
		if b.Version == 0 {
			b.Version = cur.Version
		}
	}
	r, err := s.readers.Update(c.Context(), c.actor, id, d, b.Version)
	if err != nil {
		return 0, nil, readerError(err)
	}
	return http.StatusOK, r, nil
}

func (s *Server) readerByCard(c *call) (int, any, error) {
	r, card, err := s.readers.GetByCard(c.Context(), c.actor, c.PathValue("card"))
	if err != nil {
		return 0, nil, readerError(err)
	}
	return http.StatusOK, map[string]any{"reader": r, "card": card}, nil
}

func (s *Server) readerCards(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	cards, err := s.readers.Cards(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	history, err := s.readers.CardHistory(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	if history == nil {
		history = []readers.CardEvent{}
	}
	return http.StatusOK, map[string]any{"cards": cards, "history": history}, nil
}

// decodeOptional reads a JSON body like decode, but an empty body is
// allowed and leaves v as it is.
func (c *call) decodeOptional(v any) error {
	b, err := io.ReadAll(io.LimitReader(c.Body, maxBody))
	if err != nil {
		return apperr.New(apperr.Invalid, "error.json_invalid", "Detail", "unreadable body")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	c.Body = io.NopCloser(bytes.NewReader(b))
	return c.decode(v)
}

// readerAction runs a card or status operation on the reader in the path
// with the (optional) body b, and answers the reader as changed.
func (s *Server) readerAction(c *call, b any, op func(id int64) (readers.Reader, error)) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	if err := c.decodeOptional(b); err != nil {
		return 0, nil, err
	}
	r, err := op(id)
	if err != nil {
		return 0, nil, readerError(err)
	}
	return http.StatusOK, r, nil
}

type noteBody struct {
	Note string `json:"note"`
}

func (s *Server) readerLost(c *call) (int, any, error) {
	var b noteBody
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		return s.readers.ReportLost(c.Context(), c.actor, id, b.Note)
	})
}

func (s *Server) readerUnblock(c *call) (int, any, error) {
	var b noteBody
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		return s.readers.Unblock(c.Context(), c.actor, id, b.Note)
	})
}

type replaceBody struct {
	NewNumber string `json:"new_number"`
	FeeFen    int64  `json:"fee_fen"`
	Note      string `json:"note"`
}

func (s *Server) readerReplace(c *call) (int, any, error) {
	var b replaceBody
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		r, err := s.readers.Replace(c.Context(), c.actor, id, readers.Replacement{NewNumber: b.NewNumber, FeeFen: b.FeeFen, Note: b.Note})
		if e, ok := apperr.As(err); ok && e.Field == "amount" {
			err = e.WithField("fee_fen")
		}
		return r, err
	})
}

type extendBody struct {
	ExpiresOn string `json:"expires_on"`
}

func (s *Server) readerExtend(c *call) (int, any, error) {
	var b extendBody
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		return s.readers.Extend(c.Context(), c.actor, id, strings.TrimSpace(b.ExpiresOn))
	})
}

func (s *Server) readerExpire(c *call) (int, any, error) {
	var b noteBody
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		return s.readers.Expire(c.Context(), c.actor, id, b.Note)
	})
}

type blockBody struct {
	Reason string `json:"reason"`
}

func (s *Server) readerBlock(c *call) (int, any, error) {
	var b blockBody
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		return s.readers.Block(c.Context(), c.actor, id, b.Reason)
	})
}

func (s *Server) readerLiftBlock(c *call) (int, any, error) {
	var b struct{}
	return s.readerAction(c, &b, func(id int64) (readers.Reader, error) {
		return s.readers.LiftBlock(c.Context(), c.actor, id)
	})
}
