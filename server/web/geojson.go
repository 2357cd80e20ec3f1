package web

import "bytes"

// MIMEGeoJSON is the media type of GeoJSON (RFC 7946).
const MIMEGeoJSON = "application/geo+json"

// FeatureCollection joins n encoded features into a FeatureCollection.
func FeatureCollection(n int, feature func(i int) []byte) []byte {
	return append(OpenFeatureCollection(n, feature), "}\n"...)
}

// OpenFeatureCollection is a FeatureCollection of n encoded features left
// open after the features, for members that follow them.
func OpenFeatureCollection(n int, feature func(i int) []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(feature(i))
	}
	buf.WriteByte(']')
	return buf.Bytes()
}
