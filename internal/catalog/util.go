package catalog

import (
	"sort"
	"strconv"

	"lantai.dev/lantai/internal/catalog/clc"
)

func itoa(n int) string { return strconv.Itoa(n) }

// sortClasses orders classes the way the schedule files them.
func sortClasses(cs []Class) {
	key := func(c Class) string {
		k, err := clc.FilingKey(c.Code)
		if err != nil {
			return "\xff" + c.Code
		}
		return k
	}
	sort.SliceStable(cs, func(i, j int) bool { return key(cs[i]) < key(cs[j]) })
}
