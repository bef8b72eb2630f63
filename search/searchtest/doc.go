// Package searchtest generates realistic, deterministic synthetic data for
// tests and benchmarks: Zhejiang enterprises with valid 统一社会信用代码 and
// Chinese contacts with valid mainland mobiles. Every name, code and number
// is made up; none belongs to a real company or person on purpose.
package searchtest
