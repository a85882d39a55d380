package api

import (
	"net/http"

	"lantai.dev/lantai/internal/circ/policy"
)

// explainStep is one step of an explanation: its translation key and
// arguments, and its text in the language of the request.
type explainStep struct {
	Key  string         `json:"key"`
	Args map[string]any `json:"args,omitempty"`
	Text string         `json:"text"`
}

// explainAnswer is the explanation of the policy service, with the whole
// trail (rule steps, then limit steps) written out for people.
type explainAnswer struct {
	policy.Explanation
	Steps []explainStep `json:"steps"`
}

// explainCirc answers "what does a reader of this category get for an item
// of this type at this branch, and why" (GET /circ/explain?category=…&
// item_type=…&branch=…).
func (s *Server) explainCirc(c *call) (int, any, error) {
	q := c.URL.Query()
	ex, err := s.policy.Explain(c.Context(), c.actor, q.Get("category"), q.Get("item_type"), q.Get("branch"))
	if err != nil {
		return 0, nil, err
	}
	out := explainAnswer{Explanation: ex, Steps: []explainStep{}}
	for _, st := range ex.Steps() {
		out.Steps = append(out.Steps, explainStep{Key: st.Key, Args: st.Args, Text: s.tr.T(c.locale, st.Key, st.Args)})
	}
	return http.StatusOK, out, nil
}
