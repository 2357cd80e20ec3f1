// Package layering holds the test that keeps the module's dependencies
// pointing one way — server → analytics → geo, with seeds data beside
// analytics — and the HTTP framework and the PostgreSQL driver inside the
// server. Test imports count: a test that reaches up a layer ties the
// layers together as surely as the code does.
package layering
