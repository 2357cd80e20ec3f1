// Package standards judges the facilities of a snapshot against three
// standards of the 2013 notice, per region:
//
//   - Floor area (task 15): the community service centre of every community
//     at least max(400 m², 20 m² per 100 households); of every township at
//     least 1,500 m²; of every county-level unit at least 3,000 m² — the
//     numbers Nantong's catalogue gives (Rules), another city's its own. A
//     region's centre is the largest service_centre facility serving it (its
//     region code is the region's): the standard is about one building, and
//     a second small room does not make up for a centre too small. A region
//     without one, or whose centre has no recorded floor area, falls short.
//     A region's compliance rate is the share of the centres it must have —
//     its own and those of every region inside it — that meet their
//     standard, judged against Rules.Compliance (95%, "facility and function
//     compliance ≥ 95%"). The city needs no centre of its own.
//   - Police (task 4, 一区一警): every community has a police_post facility
//     serving it. A region meets it when all its communities do.
//   - Health (task 2): every township has a health_centre serving it or a
//     region inside it; every community has a health centre within its
//     boundary (the centre's point lies in it) or, failing that, a
//     health_station or village_clinic serving it. A region meets it when
//     every township and every community in it does.
//
// Results are computed once per snapshot, for every region (Of).
package standards
