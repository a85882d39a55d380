package demo

import (
	"context"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
)

// Branches are the demo library's branches: the main library (there from
// the first migration), an east branch and a medical branch.
var Branches = []catalog.Code{
	{Code: "main", NameZH: "总馆", NameEN: "Main library"},
	{Code: "east", NameZH: "东区分馆", NameEN: "East branch"},
	{Code: "medical", NameZH: "医学分馆", NameEN: "Medical branch"},
}

// Locations are where the demo items stand: stacks, a reading room and a
// reference room in each branch, and the main library's foreign-language
// stacks. The main stacks ("stacks") and cataloguing ("processing") come
// with the first migration.
var Locations = []catalog.Code{
	{Code: "main-reading", NameZH: "总馆阅览室", NameEN: "Main reading room", Branch: "main", Kind: "reading_room"},
	{Code: "main-reference", NameZH: "总馆工具书阅览室", NameEN: "Main reference room", Branch: "main", Kind: "reference"},
	{Code: "main-foreign", NameZH: "总馆外文书库", NameEN: "Main foreign-language stacks", Branch: "main", Kind: "stacks"},
	{Code: "east-stacks", NameZH: "东区书库", NameEN: "East stacks", Branch: "east", Kind: "stacks"},
	{Code: "east-reading", NameZH: "东区阅览室", NameEN: "East reading room", Branch: "east", Kind: "reading_room"},
	{Code: "east-reference", NameZH: "东区工具书室", NameEN: "East reference room", Branch: "east", Kind: "reference"},
	{Code: "med-stacks", NameZH: "医学书库", NameEN: "Medical stacks", Branch: "medical", Kind: "stacks"},
	{Code: "med-reading", NameZH: "医学阅览室", NameEN: "Medical reading room", Branch: "medical", Kind: "reading_room"},
	{Code: "med-reference", NameZH: "医学参考室", NameEN: "Medical reference room", Branch: "medical", Kind: "reference"},
}

// Setup creates the demo library's branches and locations through the
// catalogue service (system.settings). Codes it finds are left as the
// library named them, so Setup may run again.
func Setup(ctx context.Context, svc *catalog.Service, a auth.Actor) error {
	for _, list := range []struct {
		name  catalog.CodeList
		codes []catalog.Code
	}{{catalog.Branches, Branches}, {catalog.Locations, Locations}} {
		have, err := svc.Codes(ctx, list.name)
		if err != nil {
			return fmt.Errorf("demo set-up: read %s: %w", list.name, err)
		}
		known := map[string]bool{}
		for _, c := range have {
			known[c.Code] = true
		}
		for _, c := range list.codes {
			if known[c.Code] {
				continue
			}
			if err := svc.SaveCode(ctx, a, list.name, c); err != nil {
				return fmt.Errorf("demo set-up: %s %s: %w", list.name, c.Code, err)
			}
		}
	}
	return nil
}
