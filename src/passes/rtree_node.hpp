#pragma once
// The on-disk format of an R*Tree node, as the `<name>_node` shadow table stores it in its `data` blob
// (https://sqlite.org/rtree.html §"Internal details", and rtree.c's readInt16/readInt64/readCoord):
//
//   bytes 0–1   depth of the tree (meaningful in the root node, nodeno 1, only)
//   bytes 2–3   number of cells N in this node
//   N cells     8-byte id, then 2×dims coordinates of 4 bytes each (min, max per dimension)
//   padding     zeros up to the node size (the blob is always node-size long)
//
// Every integer is big-endian. Coordinates are IEEE float32 for `rtree` and int32 for `rtree_i32`. In a
// leaf node (depth 0) the id is the row's id; in an interior node it is the nodeno of a child.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlite2pg::passes {

/// One cell of an R*Tree node: an id and its 2×dims coordinates (float32 or int32, widened exactly).
struct RtreeCell {
    std::int64_t id = 0;
    std::vector<double> coordinates;  ///< min0, max0, min1, max1, …; int32 values are exact in a double
};

/// A decoded node.
struct RtreeNode {
    std::uint16_t depth = 0;  ///< the tree's depth if this is the root node
    std::vector<RtreeCell> cells;
};

/// Decodes one node blob of an R*Tree with `dimensions` dimensions (1–5). Returns nullopt with `error` set
/// when the blob is too short for the cells it says it holds, or `dimensions` is out of range.
std::optional<RtreeNode> decode_rtree_node(std::string_view blob, std::size_t dimensions, bool int32_coordinates,
                                           std::string& error);

}  // namespace sqlite2pg::passes
