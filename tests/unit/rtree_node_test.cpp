#include <doctest/doctest.h>

#include <bit>
#include <string>
#include <vector>

#include "passes/rtree_node.hpp"

namespace {

using namespace sqlite2pg::passes;

/// Bytes from hex digits, zero-padded to `size` (node blobs are always node-size long).
std::string bytes(std::string_view hex, std::size_t size = 0) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    if (out.size() < size) out.resize(size, '\0');
    return out;
}

}  // namespace

TEST_CASE("decode_rtree_node reads the nodes sqlite3 3.40 wrote") {
    struct Case {
        const char* what;
        std::string blob;
        std::size_t dimensions;
        bool int32;
        std::uint16_t depth;
        std::vector<RtreeCell> cells;
    };
    // 0.1 is stored rounded down to the float32 below it (0x3dcccccb), as rtree rounds a box outwards.
    // Blobs copied from `sqlite3 x.db .dump` after
    //   CREATE VIRTUAL TABLE rt USING rtree(id, minx, maxx, miny, maxy, +name);
    //   INSERT INTO rt VALUES(1,0.1,1.5,-2,3.25,'a'),(2,5,6,7,8,NULL);
    //   CREATE VIRTUAL TABLE ri USING rtree_i32(id,x0,x1); INSERT INTO ri VALUES(5,-3,2000000000);
    const std::vector<Case> cases = {
        {"float32 leaf root, two cells",
         bytes("00000002" "0000000000000001" "3dcccccb3fc00000c000000040500000"
               "0000000000000002" "40a0000040c0000040e0000041000000", 1428),
         2, false, 0,
         {{1, {static_cast<double>(std::bit_cast<float>(0x3dcccccbu)), 1.5, -2.0, 3.25}}, {2, {5.0, 6.0, 7.0, 8.0}}}},
        {"int32 leaf root", bytes("00000001" "0000000000000005" "fffffffd77359400", 1428), 1, true, 0,
         {{5, {-3.0, 2000000000.0}}}},
        {"empty root of a tree of depth 0", bytes("00000000", 1428), 2, false, 0, {}},
        {"interior root at depth 2: ids are child node numbers",
         bytes("00020001" "0000000000000007" "3f800000400000003f80000040000000", 1428), 2, false, 2,
         {{7, {1.0, 2.0, 1.0, 2.0}}}},
        {"negative id and five dimensions",
         bytes("00000001" "ffffffffffffffff" "00000000000000000000000000000000000000000000000000000000000000000000000000000000"),
         5, true, 0, {{-1, std::vector<double>(10, 0.0)}}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        std::string error;
        auto node = decode_rtree_node(c.blob, c.dimensions, c.int32, error);
        REQUIRE(node);
        CHECK(error.empty());
        CHECK(node->depth == c.depth);
        REQUIRE(node->cells.size() == c.cells.size());
        for (std::size_t i = 0; i < c.cells.size(); ++i) {
            CHECK(node->cells[i].id == c.cells[i].id);
            CHECK(node->cells[i].coordinates == c.cells[i].coordinates);
        }
    }
}

TEST_CASE("decode_rtree_node refuses what it cannot read") {
    struct Case {
        const char* what;
        std::string blob;
        std::size_t dimensions;
        std::string error;
    };
    const std::vector<Case> cases = {
        {"no header", bytes("000000"), 2, "node of 3 bytes has no header"},
        {"count beyond the blob", bytes("00000002" "0000000000000001" "3dcccccb3fc00000c000000040500000"), 2,
         "node of 28 bytes cannot hold the 2 cells it counts"},
        {"zero dimensions", bytes("00000000", 100), 0, "an R*Tree has 1 to 5 dimensions, not 0"},
        {"six dimensions", bytes("00000000", 100), 6, "an R*Tree has 1 to 5 dimensions, not 6"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        std::string error;
        CHECK_FALSE(decode_rtree_node(c.blob, c.dimensions, false, error));
        CHECK(error == c.error);
    }
}
