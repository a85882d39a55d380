// Package opac holds what the public catalogue keeps of its own: the
// recommended reading lists 推荐书目 that the staff curate — a title and a
// description in Chinese and English, a published flag, and an ordered list
// of catalogue records, each with a note. Staff methods take an actor, need
// opac.manage and leave an audit entry; the public reads (published lists)
// take no actor.
package opac

import (
	"strings"
	"time"
	"unicode/utf8"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
)

// Limits of a list, so that a page stays readable and a form cannot store
// a novel.
const (
	MaxTitle       = 200  // characters of a title
	MaxDescription = 2000 // characters of a description
	MaxNote        = 500  // characters of an entry's note
	MaxEntries     = 200  // records in one list
)

// Service is the reading lists.
type Service struct {
	db *db.DB
}

// NewService returns the reading lists over d.
func NewService(d *db.DB) *Service { return &Service{db: d} }

// List is a recommended reading list.
type List struct {
	ID            int64      `json:"id"`
	TitleZH       string     `json:"title_zh"`
	TitleEN       string     `json:"title_en,omitempty"`
	DescriptionZH string     `json:"description_zh,omitempty"`
	DescriptionEN string     `json:"description_en,omitempty"`
	Published     bool       `json:"published"`
	PublishedAt   *time.Time `json:"published_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	// Count is the number of entries.
	Count int `json:"count"`
	// Entries are the records in order; filled by the methods that read
	// one list.
	Entries []Entry `json:"entries,omitempty"`
}

// Title returns the list's title in locale: the English title when asked
// for English and there is one, else the Chinese.
func (l List) Title(locale string) string {
	if locale == "en" && l.TitleEN != "" {
		return l.TitleEN
	}
	return l.TitleZH
}

// Description returns the list's description in locale, like Title.
func (l List) Description(locale string) string {
	if locale == "en" && l.DescriptionEN != "" {
		return l.DescriptionEN
	}
	return l.DescriptionZH
}

func (l List) summary() map[string]any {
	return map[string]any{"title_zh": l.TitleZH, "title_en": l.TitleEN, "published": l.Published, "entries": l.Count}
}

// Entry is one record of a list.
type Entry struct {
	// RecordID is the record as it was added.
	RecordID int64     `json:"record_id"`
	Position int       `json:"position"`
	Note     string    `json:"note,omitempty"`
	AddedAt  time.Time `json:"added_at"`
	// Record is what the list shows of the record. Its ID differs from
	// RecordID when the record was merged into another since.
	Record catalog.Brief `json:"record"`
	// Gone marks an entry whose record was deleted from the catalogue
	// (Record is then empty): staff see it to remove it, readers do not.
	Gone bool `json:"gone,omitempty"`
}

// ListInput is what staff type for a list.
type ListInput struct {
	TitleZH       string `json:"title_zh"`
	TitleEN       string `json:"title_en"`
	DescriptionZH string `json:"description_zh"`
	DescriptionEN string `json:"description_en"`
}

// clean trims the input and checks it.
func (in ListInput) clean() (ListInput, error) {
	in.TitleZH, in.TitleEN = strings.TrimSpace(in.TitleZH), strings.TrimSpace(in.TitleEN)
	in.DescriptionZH, in.DescriptionEN = strings.TrimSpace(in.DescriptionZH), strings.TrimSpace(in.DescriptionEN)
	if in.TitleZH == "" {
		return in, invalid("error.list_title_required", "title_zh")
	}
	for _, f := range []struct{ name, v string }{{"title_zh", in.TitleZH}, {"title_en", in.TitleEN}} {
		if utf8.RuneCountInString(f.v) > MaxTitle {
			return in, invalid("error.list_title_too_long", f.name, "Max", MaxTitle)
		}
	}
	for _, f := range []struct{ name, v string }{{"description_zh", in.DescriptionZH}, {"description_en", in.DescriptionEN}} {
		if utf8.RuneCountInString(f.v) > MaxDescription {
			return in, invalid("error.list_description_too_long", f.name, "Max", MaxDescription)
		}
	}
	return in, nil
}

// cleanNote trims a note and checks its length.
func cleanNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxNote {
		return note, invalid("error.list_note_too_long", "note", "Max", MaxNote)
	}
	return note, nil
}

func invalid(key, field string, args ...any) error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}

func listNotFound(id int64) error {
	return apperr.New(apperr.NotFound, "error.list_not_found", "ID", id)
}
