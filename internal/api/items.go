package api

import (
	"net/http"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/catalog"
)

type newItemsBody struct {
	catalog.NewItem
	Count int `json:"count"`
}

func (s *Server) createItems(c *call) (int, any, error) {
	var b newItemsBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	if b.Count == 0 {
		b.Count = 1
	}
	items, err := s.catalog.CreateItems(c.Context(), c.actor, b.NewItem, b.Count)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]any{"items": items}, nil
}

func (s *Server) findItems(c *call) (int, any, error) {
	bc := c.URL.Query().Get("barcode")
	if bc == "" {
		return 0, nil, apperr.New(apperr.Invalid, "error.field_required", "Field", "barcode").WithField("barcode")
	}
	it, err := s.catalog.GetItemByBarcode(c.Context(), c.actor, bc)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"items": []catalog.Item{it}}, nil
}

func (s *Server) getItem(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	it, err := s.catalog.GetItem(c.Context(), c.actor, id)
	return http.StatusOK, it, err
}

func (s *Server) updateItem(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var u catalog.ItemUpdate
	if err := c.decode(&u); err != nil {
		return 0, nil, err
	}
	it, err := s.catalog.UpdateItem(c.Context(), c.actor, id, u)
	return http.StatusOK, it, err
}

func (s *Server) changeItemStatus(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var b struct {
		Status string `json:"status"`
		Reason string `json:"reason"`
	}
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	it, err := s.catalog.ChangeItemStatus(c.Context(), c.actor, id, catalog.Status(b.Status), b.Reason)
	return http.StatusOK, it, err
}

func (s *Server) itemHistory(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	h, err := s.catalog.ItemHistory(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	if h == nil {
		h = []catalog.StatusChange{}
	}
	return http.StatusOK, map[string]any{"history": h}, nil
}
