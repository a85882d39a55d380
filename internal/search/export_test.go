package search

// SetSmallSort changes the number of hits up to which the title and
// call-number orders read every sort key, and returns a function that
// restores it: tests run both the key and the index-walk strategies.
func SetSmallSort(n int) (restore func()) {
	old := smallSort
	smallSort = n
	return func() { smallSort = old }
}
