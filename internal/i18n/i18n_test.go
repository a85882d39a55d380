package i18n_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/web"
)

func TestBothLanguagesHaveTheSameKeys(t *testing.T) {
	c := i18n.MustLoad()
	zh, en := c.Keys(i18n.ZH), c.Keys(i18n.EN)
	if len(zh) < 100 {
		t.Fatalf("only %d keys", len(zh))
	}
	for _, k := range zh {
		if !c.Has(i18n.EN, k) {
			t.Errorf("%s is missing in en", k)
		}
	}
	for _, k := range en {
		if !c.Has(i18n.ZH, k) {
			t.Errorf("%s is missing in zh-CN", k)
		}
	}
}

// usedKeys collects every translation key the code and templates use: the
// literal keys in templates (.T "key") and Go files (string literals in a
// translation namespace), plus the keys built at run time from names.
func usedKeys(t *testing.T, c *i18n.Catalog) map[string]string {
	t.Helper()
	namespaces := map[string]bool{}
	for _, k := range c.Keys(i18n.ZH) {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	used := map[string]string{}
	tmplKey := regexp.MustCompile(`\.T "([^"]+)"`)
	goLit := regexp.MustCompile(`"([a-z_]+\.[a-z0-9_.]+)"`)
	root := filepath.Join("..", "..")
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch {
			case strings.HasSuffix(p, ".html"):
				b, _ := os.ReadFile(p)
				for _, m := range tmplKey.FindAllStringSubmatch(string(b), -1) {
					used[m[1]] = p
				}
			case strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go"):
				b, _ := os.ReadFile(p)
				for _, line := range strings.Split(string(b), "\n") {
					if strings.HasPrefix(strings.TrimSpace(line), "//") {
						continue
					}
					for _, m := range goLit.FindAllStringSubmatch(line, -1) {
						ns, _, _ := strings.Cut(m[1], ".")
						if namespaces[ns] && !auth.KnownPermission(auth.Permission(m[1])) && !strings.HasSuffix(m[1], ".css") && !strings.HasSuffix(m[1], ".") {
							used[m[1]] = p
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range auth.AllPermissions {
		area, _, _ := strings.Cut(string(p), ".")
		used["perm."+string(p)] = "auth.AllPermissions"
		used["area."+area] = "auth.AllPermissions"
	}
	for _, d := range auth.Doors {
		used["door."+string(d)] = "auth.Doors"
	}
	for _, c := range search.ErrorCodes {
		used["search.error."+string(c)] = "search.ErrorCodes"
	}
	for _, m := range web.Modules {
		used["module."+m.Code] = "web.Modules"
		used["module."+m.Code+".about"] = "web.Modules"
	}
	return used
}

func TestEveryUsedKeyIsTranslated(t *testing.T) {
	c := i18n.MustLoad()
	used := usedKeys(t, c)
	if len(used) < 100 {
		t.Fatalf("found only %d used keys: the scan is broken", len(used))
	}
	for k, where := range used {
		for _, loc := range i18n.Locales {
			if !c.Has(loc, k) {
				t.Errorf("%s (used in %s) is missing in %s", k, where, loc)
			}
		}
	}
}

func TestTemplatesAndArguments(t *testing.T) {
	c := i18n.MustLoad()
	got := c.T(i18n.EN, "error.login_throttled", map[string]any{"Minutes": 15})
	if got != "Too many failed sign-ins. Please try again in 15 minutes." {
		t.Fatalf("en: %q", got)
	}
	if got := c.T(i18n.ZH, "error.login_throttled", map[string]any{"Minutes": 15}); !strings.Contains(got, "15 分钟") {
		t.Fatalf("zh: %q", got)
	}
	if got := c.Error(i18n.EN, apperr.New(apperr.NotFound, "error.staff_not_found", "ID", 7)); got != "There is no staff account with id 7." {
		t.Fatalf("domain error: %q", got)
	}
	if got := c.Error(i18n.EN, os.ErrPermission); strings.Contains(got, "permission denied") {
		t.Fatalf("an internal error leaked its text: %q", got)
	}
}

func TestLanguageChoice(t *testing.T) {
	cases := map[string]string{
		"":                           i18n.ZH,
		"en-US,en;q=0.9":             i18n.EN,
		"zh-TW,zh;q=0.9":             i18n.ZH,
		"fr-FR,en;q=0.5":             i18n.EN,
		"de":                         i18n.ZH,
		"zh-CN,zh;q=0.9,en;q=0.8":    i18n.ZH,
		"en;q=0.9,zh-Hans-CN;q=0.95": i18n.ZH,
		"garbage;;;":                 i18n.ZH,
	}
	for header, want := range cases {
		if got := i18n.FromAcceptLanguage(header); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}
