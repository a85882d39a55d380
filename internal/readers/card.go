package readers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// CardStatus is the state of one library card.
type CardStatus string

// The card statuses. A reader's current card is active, lost or expired;
// replaced cards are history.
const (
	CardActive   CardStatus = "active"
	CardLost     CardStatus = "lost"     // reported lost (挂失): refused at once
	CardReplaced CardStatus = "replaced" // replaced by a new card (补办): refused for ever
	CardExpired  CardStatus = "expired"  // expired by staff or ExpireDue; Extend revives it
)

// The errors ByCard gives for a card that cannot be used, inside a domain
// error (errors.Is finds them) whose message names the card.
var (
	ErrCardLost     = errors.New("readers: the card is reported lost")
	ErrCardReplaced = errors.New("readers: the card was replaced")
	ErrCardExpired  = errors.New("readers: the card has expired")
)

// Card is a library card, current or past.
type Card struct {
	ID         int64      `json:"id"`
	ReaderID   int64      `json:"reader_id"`
	Number     string     `json:"number"`
	Status     CardStatus `json:"status"`
	IssuedAt   time.Time  `json:"issued_at"`
	LostAt     *time.Time `json:"lost_at,omitempty"`
	ReplacedAt *time.Time `json:"replaced_at,omitempty"`
	ReplacedBy int64      `json:"replaced_by,omitempty"` // the id of the card that replaced it
}

// CardEvent is one line of the card history.
type CardEvent struct {
	ID     int64     `json:"id"`
	CardID int64     `json:"card_id"`
	Card   string    `json:"card"`
	At     time.Time `json:"at"`
	Event  string    `json:"event"` // issued, lost, unblocked, replaced, expired, extended
	Actor  string    `json:"actor"`
	Door   string    `json:"door"`
	Note   string    `json:"note,omitempty"`
}

const cardColumns = `id, reader_id, number, status, issued_at, lost_at, replaced_at, COALESCE(replaced_by, 0)`

func scanCard(row interface{ Scan(...any) error }) (Card, error) {
	var c Card
	var status string
	var lost, replaced db.Time
	err := row.Scan(&c.ID, &c.ReaderID, &c.Number, &status, &c.IssuedAt, &lost, &replaced, &c.ReplacedBy)
	c.Status, c.IssuedAt, c.LostAt, c.ReplacedAt = CardStatus(status), c.IssuedAt.UTC(), lost.Ptr(), replaced.Ptr()
	return c, err
}

// CardByNumber loads a card, current or past, inside the caller's
// transaction, whatever its status.
func CardByNumber(tx *db.Tx, number string) (Card, error) {
	n := NormalizeCard(number)
	c, err := scanCard(tx.QueryRow(`SELECT `+cardColumns+` FROM cards WHERE number = $1`, n))
	if errors.Is(err, sql.ErrNoRows) {
		return Card{}, notFound("error.card_not_found", "Card", n).WithField("card_number")
	}
	if err != nil {
		return Card{}, fmt.Errorf("load card %s: %w", n, err)
	}
	return c, nil
}

// ByCard returns the holder of a card that may be used, inside the
// caller's transaction (circulation identifies the reader at checkout). A
// card reported lost, replaced by a newer one or expired is refused with a
// domain error wrapping ErrCardLost, ErrCardReplaced or ErrCardExpired; an
// unknown number is NotFound. The reader's own status (blocked, cleared)
// and expiry date are circulation's rules to check.
func ByCard(tx *db.Tx, number string) (Reader, error) {
	c, err := CardByNumber(tx, number)
	if err != nil {
		return Reader{}, err
	}
	switch c.Status {
	case CardLost:
		return Reader{}, conflict("error.card_lost", "Card", c.Number).WithField("card_number").WithCause(ErrCardLost)
	case CardReplaced:
		return Reader{}, conflict("error.card_replaced", "Card", c.Number).WithField("card_number").WithCause(ErrCardReplaced)
	case CardExpired:
		return Reader{}, conflict("error.card_expired", "Card", c.Number).WithField("card_number").WithCause(ErrCardExpired)
	}
	return ByID(tx, c.ReaderID)
}

// issueCard writes a new active card and its "issued" event.
func issueCard(tx *db.Tx, a auth.Actor, readerID int64, number, note string) (int64, error) {
	id, err := tx.Insert(`INSERT INTO cards (reader_id, number, status, issued_at, updated_at) VALUES ($1, $2, 'active', $3, $3)`,
		readerID, number, tx.Now)
	if db.IsUnique(err) {
		return 0, conflict("error.card_taken", "Card", number).WithField("card_number")
	}
	if err != nil {
		return 0, fmt.Errorf("insert card %s: %w", number, err)
	}
	return id, cardEvent(tx, a, id, readerID, "issued", note)
}

func cardEvent(tx *db.Tx, a auth.Actor, cardID, readerID int64, event, note string) error {
	_, err := tx.Exec(`INSERT INTO card_events (card_id, reader_id, at, event, actor_id, actor_name, door, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, cardID, readerID, tx.Now, event, nullID(a.StaffID), actorName(a), string(a.Door), note)
	if err != nil {
		return fmt.Errorf("card event %s: %w", event, err)
	}
	return nil
}

// Cards lists every card a reader has had, oldest first (circ.readers,
// circ.checkout or circ.fees).
func (s *Service) Cards(ctx context.Context, a auth.Actor, readerID int64) ([]Card, error) {
	if err := canView(a); err != nil {
		return nil, err
	}
	var out []Card
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if _, err := ByID(tx, readerID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+cardColumns+` FROM cards WHERE reader_id = $1 ORDER BY id`, readerID)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Card, error) { return scanCard(r) })
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cards of reader %d: %w", readerID, err)
	}
	return out, nil
}

// CardHistory lists the events of a reader's cards, oldest first
// (circ.readers, circ.checkout or circ.fees).
func (s *Service) CardHistory(ctx context.Context, a auth.Actor, readerID int64) ([]CardEvent, error) {
	if err := canView(a); err != nil {
		return nil, err
	}
	var out []CardEvent
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if _, err := ByID(tx, readerID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT e.id, e.card_id, c.number, e.at, e.event, e.actor_name, e.door, e.note
			FROM card_events e JOIN cards c ON c.id = e.card_id WHERE e.reader_id = $1 ORDER BY e.id`, readerID)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (CardEvent, error) {
			var e CardEvent
			err := r.Scan(&e.ID, &e.CardID, &e.Card, &e.At, &e.Event, &e.Actor, &e.Door, &e.Note)
			e.At = e.At.UTC()
			return e, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("card history of reader %d: %w", readerID, err)
	}
	return out, nil
}
