package proj

import "math"

// GCJ02 shifts a WGS 84 longitude/latitude into GCJ-02 (火星坐标), the
// datum of AMap and Tencent maps, by the widely published algorithm (Krasovsky
// ellipsoid and the trigonometric offset series). Points outside mainland
// China's rough bounding box are not shifted, as the map providers do.
func GCJ02(lon, lat float64) (float64, float64) {
	if outOfChina(lon, lat) {
		return lon, lat
	}
	const a, ee = 6378245.0, 0.00669342162296594323
	dLat := offsetLat(lon-105, lat-35)
	dLon := offsetLon(lon-105, lat-35)
	rad := lat / 180 * math.Pi
	magic := math.Sin(rad)
	magic = 1 - ee*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = dLat * 180 / ((a * (1 - ee)) / (magic * sqrtMagic) * math.Pi)
	dLon = dLon * 180 / (a / sqrtMagic * math.Cos(rad) * math.Pi)
	return lon + dLon, lat + dLat
}

// GCJ02Inverse converts GCJ-02 back to WGS 84. The offset has no closed
// inverse; iterating the forward shift converges by a factor of about 100
// a step (its derivative is tiny), so a few steps reach 1e-10° (~10 µm).
func GCJ02Inverse(lon, lat float64) (float64, float64) {
	return invert(GCJ02, lon, lat)
}

// BD09 shifts a WGS 84 longitude/latitude into BD-09, Baidu Maps' datum:
// GCJ-02 and then Baidu's own published rotation and offset.
func BD09(lon, lat float64) (float64, float64) {
	const xPi = math.Pi * 3000 / 180
	x, y := GCJ02(lon, lat)
	z := math.Hypot(x, y) + 0.00002*math.Sin(y*xPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*xPi)
	return z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006
}

// BD09Inverse converts BD-09 back to WGS 84, iterating as GCJ02Inverse.
func BD09Inverse(lon, lat float64) (float64, float64) {
	return invert(BD09, lon, lat)
}

// invert solves f(lon, lat) = (x, y) by fixed-point iteration, for shifts
// f that move points by little and vary slowly. Near the edge of China's
// box, where GCJ-02 stops shifting, it may not converge; the step limit
// bounds the work and the answer is then within that edge's shift.
func invert(f func(lon, lat float64) (float64, float64), x, y float64) (float64, float64) {
	lon, lat := x, y
	for range 30 {
		fx, fy := f(lon, lat)
		dx, dy := fx-x, fy-y
		lon, lat = lon-dx, lat-dy
		if math.Abs(dx) < 1e-10 && math.Abs(dy) < 1e-10 {
			break
		}
	}
	return lon, lat
}

func outOfChina(lon, lat float64) bool {
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
}

func offsetLat(x, y float64) float64 {
	r := -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	r += (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	r += (20*math.Sin(y*math.Pi) + 40*math.Sin(y/3*math.Pi)) * 2 / 3
	r += (160*math.Sin(y/12*math.Pi) + 320*math.Sin(y*math.Pi/30)) * 2 / 3
	return r
}

func offsetLon(x, y float64) float64 {
	r := 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	r += (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	r += (20*math.Sin(x*math.Pi) + 40*math.Sin(x/3*math.Pi)) * 2 / 3
	r += (150*math.Sin(x/12*math.Pi) + 300*math.Sin(x/30*math.Pi)) * 2 / 3
	return r
}
