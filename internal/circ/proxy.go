package circ

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Proxy is an authorisation for one reader (the proxy) to borrow on
// behalf of another (the principal) 委托借还, from From to Until (zero: no
// end), unless revoked.
type Proxy struct {
	ID            int64      `json:"id"`
	PrincipalID   int64      `json:"principal_id"`
	PrincipalName string     `json:"principal_name"`
	ProxyID       int64      `json:"proxy_id"`
	ProxyName     string     `json:"proxy_name"`
	From          rules.Date `json:"from"`
	Until         rules.Date `json:"until,omitzero"`
	Note          string     `json:"note,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	CreatedBy     string     `json:"created_by"`
	RevokedAt     *time.Time `json:"revoked_at,omitempty"`
	RevokedBy     string     `json:"revoked_by,omitempty"`
}

// ActiveOn reports whether the authorisation holds on day d.
func (p Proxy) ActiveOn(d rules.Date) bool {
	return p.RevokedAt == nil && !d.Before(p.From) && (p.Until.IsZero() || !d.After(p.Until))
}

const proxyColumns = `p.id, p.principal_id, a.name, p.proxy_id, b.name, p.from_on, p.until_on, p.note, p.created_at, p.created_by,
	p.revoked_at, p.revoked_by`

const proxyFrom = ` FROM proxies p JOIN readers a ON a.id = p.principal_id JOIN readers b ON b.id = p.proxy_id`

func scanProxy(sc interface{ Scan(...any) error }) (Proxy, error) {
	var p Proxy
	var from, until string
	var revoked db.Time
	if err := sc.Scan(&p.ID, &p.PrincipalID, &p.PrincipalName, &p.ProxyID, &p.ProxyName, &from, &until, &p.Note,
		&p.CreatedAt, &p.CreatedBy, &revoked, &p.RevokedBy); err != nil {
		return Proxy{}, err
	}
	p.CreatedAt, p.RevokedAt = p.CreatedAt.UTC(), revoked.Ptr()
	if err := p.From.UnmarshalText([]byte(from)); err != nil {
		return Proxy{}, err
	}
	return p, p.Until.UnmarshalText([]byte(until))
}

func proxyByID(tx *db.Tx, id int64) (Proxy, error) {
	p, err := scanProxy(tx.QueryRow(`SELECT `+proxyColumns+proxyFrom+` WHERE p.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Proxy{}, notFound("error.circ_proxy_not_found", "ID", id)
	}
	if err != nil {
		return Proxy{}, fmt.Errorf("proxy %d: %w", id, err)
	}
	return p, nil
}

// AuthoriseProxy lets proxy borrow on behalf of principal from from (today
// when zero) until until (no end when zero), circ.readers. A pair has at
// most one authorisation in force.
func (s *Service) AuthoriseProxy(ctx context.Context, a auth.Actor, principalID, proxyID int64, from, until rules.Date, note string) (Proxy, error) {
	if err := staff(a, auth.PermCircReaders); err != nil {
		return Proxy{}, err
	}
	note, err := text(note, "note")
	if err != nil {
		return Proxy{}, err
	}
	if principalID == proxyID {
		return Proxy{}, invalid("error.circ_proxy_self", "proxy_id")
	}
	if (!from.IsZero() && !from.Valid()) || (!until.IsZero() && !until.Valid()) || (!from.IsZero() && !until.IsZero() && until.Before(from)) {
		return Proxy{}, invalid("error.circ_proxy_dates", "until", "From", from.String(), "Until", until.String())
	}
	var out Proxy
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		if _, err := byID(tx, principalID); err != nil {
			return err
		}
		if _, err := byID(tx, proxyID); err != nil {
			return err
		}
		if from.IsZero() {
			from = rules.DateOf(tx.Now, snap.Location)
		}
		if !until.IsZero() && until.Before(from) {
			return invalid("error.circ_proxy_dates", "until", "From", from.String(), "Until", until.String())
		}
		id, err := tx.Insert(`INSERT INTO proxies (principal_id, proxy_id, from_on, until_on, note, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, principalID, proxyID, from.String(), until.String(), note, tx.Now, actorName(a))
		if db.IsUnique(err) {
			return conflict("error.circ_proxy_exists", "Principal", principalID, "Proxy", proxyID)
		}
		if err != nil {
			return fmt.Errorf("insert proxy: %w", err)
		}
		if out, err = proxyByID(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "proxy.authorise", "proxy", id, nil, out)
	})
	if err != nil {
		return Proxy{}, fmt.Errorf("authorise proxy %d for reader %d: %w", proxyID, principalID, err)
	}
	return out, nil
}

// RevokeProxy ends an authorisation now (circ.readers).
func (s *Service) RevokeProxy(ctx context.Context, a auth.Actor, id int64) (Proxy, error) {
	if err := staff(a, auth.PermCircReaders); err != nil {
		return Proxy{}, err
	}
	var out Proxy
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := proxyByID(tx, id)
		if err != nil {
			return err
		}
		if before.RevokedAt != nil {
			return conflict("error.circ_proxy_revoked", "ID", id)
		}
		if _, err := tx.Exec(`UPDATE proxies SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL`,
			tx.Now, actorName(a), id); err != nil {
			return err
		}
		if out, err = proxyByID(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "proxy.revoke", "proxy", id, before, out)
	})
	if err != nil {
		return Proxy{}, fmt.Errorf("revoke proxy %d: %w", id, err)
	}
	return out, nil
}

// Proxies lists the authorisations a reader gave or holds, revoked ones
// included, newest first.
func (s *Service) Proxies(ctx context.Context, a auth.Actor, readerID int64) ([]Proxy, error) {
	if err := deskView(a); err != nil {
		return nil, err
	}
	var out []Proxy
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT `+proxyColumns+proxyFrom+` WHERE p.principal_id = $1 OR p.proxy_id = $1 ORDER BY p.id DESC`, readerID)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Proxy, error) { return scanProxy(r) })
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("proxies of reader %d: %w", readerID, err)
	}
	return out, nil
}

// proxyRefusals are the reasons a proxy may not borrow for a principal:
// no authorisation in force today, or a card of the proxy's own that may
// not be used (lost, blocked, expired …). The principal's account is
// checked by the loan rules as for any loan.
func proxyRefusals(tx *db.Tx, proxy, principal borrower, now time.Time, loc *time.Location) ([]rules.Refusal, error) {
	var n int
	today := day(now, loc)
	err := tx.QueryRow(`SELECT COUNT(*) FROM proxies WHERE principal_id = $1 AND proxy_id = $2 AND revoked_at IS NULL
		AND from_on <= $3 AND (until_on = '' OR until_on >= $3)`, principal.ID, proxy.ID, today).Scan(&n)
	if err != nil {
		return nil, fmt.Errorf("proxy authorisation: %w", err)
	}
	var refs []rules.Refusal
	if n == 0 {
		refs = append(refs, refusal(ReasonProxyNotAuthorised, "Proxy", proxy.Name, "Reader", principal.Name))
	}
	rs, err := proxy.state(account{})
	if err != nil {
		return nil, err
	}
	return merge(refs, cardRefusals(proxy, rs, rules.Limits{MaxFeesFen: rules.Unlimited}, now, loc)...), nil
}
