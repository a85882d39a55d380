// Package i18n holds every user-visible string of Lantai in zh-CN and
// English and picks the language for a person or a request. Front doors
// translate; capabilities return keys (see package apperr).
package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"lantai.dev/lantai/internal/apperr"
)

//go:embed locales/*.json
var files embed.FS

// The interface languages. ZH is the default.
const (
	ZH = "zh-CN"
	EN = "en"
)

// Locales lists the interface languages, default first.
var Locales = []string{ZH, EN}

// Catalog translates message keys.
type Catalog struct {
	bundle     *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
	keys       map[string]map[string]bool
}

// Load reads the embedded translation files.
func Load() (*Catalog, error) {
	b := goi18n.NewBundle(language.SimplifiedChinese)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, localizers: map[string]*goi18n.Localizer{}, keys: map[string]map[string]bool{}}
	for _, loc := range Locales {
		name := "locales/" + loc + ".json"
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("translations %s: %w", name, err)
		}
		var flat map[string]string
		if err := json.Unmarshal(data, &flat); err != nil {
			return nil, fmt.Errorf("translations %s: %w", name, err)
		}
		c.keys[loc] = map[string]bool{}
		tag := language.MustParse(loc)
		for k, v := range flat {
			if err := b.AddMessages(tag, &goi18n.Message{ID: k, Other: v}); err != nil {
				return nil, fmt.Errorf("translations %s key %s: %w", name, k, err)
			}
			c.keys[loc][k] = true
		}
		c.localizers[loc] = goi18n.NewLocalizer(b, loc)
	}
	return c, nil
}

// MustLoad is Load for program start and tests: the files are embedded, so
// a failure is a build defect.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Keys returns the message keys of a locale, sorted.
func (c *Catalog) Keys(locale string) []string {
	var out []string
	for k := range c.keys[locale] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether key is translated in locale.
func (c *Catalog) Has(locale, key string) bool { return c.keys[locale][key] }

// T translates key into locale, filling the template with args. A missing
// key yields the key itself (tests make sure none is missing).
func (c *Catalog) T(locale, key string, args map[string]any) string {
	l, ok := c.localizers[locale]
	if !ok {
		l = c.localizers[ZH]
	}
	s, err := l.Localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: args})
	if err != nil {
		return key
	}
	return s
}

// Error translates a domain error for a person; any other error becomes the
// generic internal-error message (the details go to the log, not the person).
func (c *Catalog) Error(locale string, err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return c.T(locale, e.Key, e.Args)
	}
	return c.T(locale, "error.internal", nil)
}

// Normalize maps any language tag to a supported locale ("" if none fits).
func Normalize(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	switch {
	case t == "":
		return ""
	case strings.HasPrefix(t, "zh"):
		return ZH
	case strings.HasPrefix(t, "en"):
		return EN
	}
	return ""
}

var matcher = language.NewMatcher([]language.Tag{language.SimplifiedChinese, language.English})

// FromAcceptLanguage picks the locale for an Accept-Language header;
// zh-CN when the header asks for nothing we speak.
func FromAcceptLanguage(header string) string {
	if strings.TrimSpace(header) == "" {
		return ZH
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return ZH
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return ZH
	}
	return Locales[idx]
}
