package readers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/search"
)

// Status is a reader's standing.
type Status string

// The reader statuses.
const (
	StatusActive  Status = "active"
	StatusBlocked Status = "blocked" // blocked by staff, with a reason, until lifted
	StatusCleared Status = "cleared" // left the library (离校): no more loans
)

// Reader is a registered reader with their current card.
type Reader struct {
	ID         int64      `json:"id"`
	CardNumber string     `json:"card_number"`
	CardStatus CardStatus `json:"card_status"`
	Name       string     `json:"name"`
	// IDNumber is stored whole and never shown: screens show IDMasked.
	IDNumber    string    `json:"-"`
	IDMasked    string    `json:"id_number_masked,omitempty"`
	Category    string    `json:"category"`
	Department  string    `json:"department,omitempty"`
	Class       string    `json:"class,omitempty"`
	Phone       string    `json:"phone,omitempty"`
	Email       string    `json:"email,omitempty"`
	ExpiresOn   string    `json:"expires_on,omitempty"` // YYYY-MM-DD, the last valid day; "" for none
	Status      Status    `json:"status"`
	BlockReason string    `json:"block_reason,omitempty"`
	Notes       string    `json:"notes,omitempty"`
	HasPhoto    bool      `json:"has_photo"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Version     int       `json:"version"`
}

// Details returns the reader's editable details (for an edit form).
func (r Reader) Details() Details {
	return Details{Name: r.Name, IDNumber: r.IDNumber, Category: r.Category, Department: r.Department, Class: r.Class,
		Phone: r.Phone, Email: r.Email, ExpiresOn: r.ExpiresOn, Notes: r.Notes}
}

// LoanStatus sums up the reader and their current card in the words of
// circulation's checks (circ/rules.CardStatus): "cleared", "blocked",
// "lost", "expired" or "active". Expiry by date is not included: the
// checks compare ExpiresOn with the day themselves.
func (r Reader) LoanStatus() string {
	switch {
	case r.Status == StatusCleared:
		return "cleared"
	case r.Status == StatusBlocked:
		return "blocked"
	case r.CardStatus == CardLost:
		return "lost"
	case r.CardStatus == CardExpired:
		return "expired"
	}
	return "active"
}

// ExpiredOn reports whether the card is past its expiry date on day
// (YYYY-MM-DD).
func (r Reader) ExpiredOn(day string) bool { return r.ExpiresOn != "" && r.ExpiresOn < day }

// summary is what the audit log keeps of a reader (never the whole
// identity number).
func (r Reader) summary() map[string]any {
	return map[string]any{"card": r.CardNumber, "name": r.Name, "id_number": r.IDMasked, "category": r.Category,
		"department": r.Department, "class": r.Class, "phone": r.Phone, "email": r.Email, "expires_on": r.ExpiresOn,
		"status": r.Status, "version": r.Version}
}

const readerColumns = `r.id, r.card_number, c.status, r.name, r.id_number, r.category, r.department, r.class_name,
	r.phone, r.email, r.expires_on, r.status, r.block_reason, r.notes,
	CASE WHEN EXISTS (SELECT 1 FROM reader_photos p WHERE p.reader_id = r.id) THEN 1 ELSE 0 END,
	r.created_at, r.updated_at, r.version`

const readerFrom = ` FROM readers r JOIN cards c ON c.number = r.card_number`

func scanReader(row interface{ Scan(...any) error }) (Reader, error) {
	var r Reader
	var card, status string
	var photo int
	err := row.Scan(&r.ID, &r.CardNumber, &card, &r.Name, &r.IDNumber, &r.Category, &r.Department, &r.Class,
		&r.Phone, &r.Email, &r.ExpiresOn, &status, &r.BlockReason, &r.Notes, &photo, &r.CreatedAt, &r.UpdatedAt, &r.Version)
	r.CardStatus, r.Status, r.HasPhoto = CardStatus(card), Status(status), photo > 0
	r.IDMasked = MaskIDNumber(r.IDNumber)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, err
}

// ByID loads a reader inside the caller's transaction, whatever their
// status and card (circulation checks those with its rules).
func ByID(tx *db.Tx, id int64) (Reader, error) {
	r, err := scanReader(tx.QueryRow(`SELECT `+readerColumns+readerFrom+` WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Reader{}, notFound("error.reader_not_found", "ID", id)
	}
	if err != nil {
		return Reader{}, fmt.Errorf("load reader %d: %w", id, err)
	}
	return r, nil
}

// lockByID loads a reader for a change: on PostgreSQL their row is locked
// until the transaction ends.
func lockByID(tx *db.Tx, id int64) (Reader, error) {
	var n int
	err := tx.QueryRow(`SELECT 1 FROM readers WHERE id = $1`+tx.ForUpdate(), id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return Reader{}, notFound("error.reader_not_found", "ID", id)
	}
	if err != nil {
		return Reader{}, fmt.Errorf("lock reader %d: %w", id, err)
	}
	return ByID(tx, id)
}

// pinyinOf is the name's pinyin tokens: the syllables in order, then the
// joined forms and initials (曾国藩 → "zeng guo fan zengguofan zgf"); it
// sorts by pinyin and answers pinyin searches.
func pinyinOf(name string) string { return strings.Join(search.PinyinTokens(name, true), " ") }

// Register registers a reader and issues their first card (circ.readers).
func (s *Service) Register(ctx context.Context, a auth.Actor, cardNumber string, d Details) (Reader, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return Reader{}, err
	}
	card, err := checkCard(cardNumber, "card_number")
	if err != nil {
		return Reader{}, err
	}
	if d, err = d.normalize(); err != nil {
		return Reader{}, err
	}
	var r Reader
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := usableCategory(tx, d.Category); err != nil {
			return err
		}
		if err := cardFree(tx, card, "card_number"); err != nil {
			return err
		}
		id, err := insertReader(tx, a, card, d)
		if err != nil {
			return err
		}
		if r, err = ByID(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader.register", "reader", id, nil, r.summary())
	})
	if err != nil {
		return Reader{}, fmt.Errorf("register reader %s: %w", card, err)
	}
	return r, nil
}

// cardFree refuses a card number that any card, current or past, has.
func cardFree(tx *db.Tx, card, field string) error {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM cards WHERE number = $1`, card).Scan(&n); err != nil {
		return fmt.Errorf("check card %s: %w", card, err)
	}
	if n > 0 {
		return conflict("error.card_taken", "Card", card).WithField(field)
	}
	return nil
}

// insertReader writes a new reader, their card and its "issued" event;
// the details are normalized and the category and card checked.
func insertReader(tx *db.Tx, a auth.Actor, card string, d Details) (int64, error) {
	id, err := tx.Insert(`INSERT INTO readers (card_number, name, name_pinyin, id_number, category, department, class_name,
		phone, email, expires_on, status, notes, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11, $12, $12)`,
		card, d.Name, pinyinOf(d.Name), d.IDNumber, d.Category, d.Department, d.Class, d.Phone, d.Email, d.ExpiresOn, d.Notes, tx.Now)
	if db.IsUnique(err) {
		return 0, conflict("error.card_taken", "Card", card).WithField("card_number")
	}
	if err != nil {
		return 0, fmt.Errorf("insert reader: %w", err)
	}
	if _, err := issueCard(tx, a, id, card, ""); err != nil {
		return 0, err
	}
	return id, nil
}

// Update changes a reader's details (circ.readers). expectVersion, when
// not 0, must be the version that was edited: a reader changed meanwhile
// by someone else is refused, not silently overwritten. A reader may keep
// an inactive category but not be moved into one.
func (s *Service) Update(ctx context.Context, a auth.Actor, id int64, d Details, expectVersion int) (Reader, error) {
	if err := a.Require(auth.PermCircReaders); err != nil {
		return Reader{}, err
	}
	d, err := d.normalize()
	if err != nil {
		return Reader{}, err
	}
	var out Reader
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := lockByID(tx, id)
		if err != nil {
			return err
		}
		if expectVersion != 0 && before.Version != expectVersion {
			return conflict("error.reader_changed", "Version", before.Version)
		}
		if before.Status == StatusCleared {
			return conflict("error.reader_cleared", "Card", before.CardNumber)
		}
		if d.Category != before.Category {
			if _, err := usableCategory(tx, d.Category); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE readers SET name = $1, name_pinyin = $2, id_number = $3, category = $4, department = $5,
			class_name = $6, phone = $7, email = $8, expires_on = $9, notes = $10, updated_at = $11, version = version + 1 WHERE id = $12`,
			d.Name, pinyinOf(d.Name), d.IDNumber, d.Category, d.Department, d.Class, d.Phone, d.Email, d.ExpiresOn, d.Notes, tx.Now, id); err != nil {
			return fmt.Errorf("update reader: %w", err)
		}
		if out, err = ByID(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reader.update", "reader", id, before.summary(), out.summary())
	})
	if err != nil {
		return Reader{}, fmt.Errorf("update reader %d: %w", id, err)
	}
	return out, nil
}

// touch moves a reader's version and update time on after a change made
// elsewhere (cards, status).
func touch(tx *db.Tx, id int64) error {
	_, err := tx.Exec(`UPDATE readers SET updated_at = $1, version = version + 1 WHERE id = $2`, tx.Now, id)
	if err != nil {
		return fmt.Errorf("touch reader %d: %w", id, err)
	}
	return nil
}

// Get returns a reader by id (circ.readers, circ.checkout or circ.fees).
func (s *Service) Get(ctx context.Context, a auth.Actor, id int64) (Reader, error) {
	if err := canView(a); err != nil {
		return Reader{}, err
	}
	var r Reader
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		r, err = ByID(tx, id)
		return err
	})
	if err != nil {
		return Reader{}, fmt.Errorf("get reader %d: %w", id, err)
	}
	return r, nil
}

// GetByCard returns the holder of a card, current or past, and that card
// (circ.readers, circ.checkout or circ.fees): unlike ByCard it refuses
// nothing, so the desk sees whose lost or replaced card is in front of it.
func (s *Service) GetByCard(ctx context.Context, a auth.Actor, number string) (Reader, Card, error) {
	if err := canView(a); err != nil {
		return Reader{}, Card{}, err
	}
	var r Reader
	var c Card
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		if c, err = CardByNumber(tx, number); err != nil {
			return err
		}
		r, err = ByID(tx, c.ReaderID)
		return err
	})
	if err != nil {
		return Reader{}, Card{}, fmt.Errorf("get reader by card: %w", err)
	}
	return r, c, nil
}
