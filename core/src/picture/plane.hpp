// The input plane as a grid of raw input values, run through a model in one batch: what the
// boundary and the neurons' maps are drawn from.
#ifndef NEURONLAB_PICTURE_PLANE_HPP
#define NEURONLAB_PICTURE_PLANE_HPP

#include <neuronlab/picture/pictures.hpp>

#include <string>

namespace neuronlab::picture {

// Runs the nx × ny cell centres (row 0 at the top, y.hi) through the model, normalizing the
// raw values first; the network's layer outputs then hold the grid, one row per cell.
void forward_grid(const ModelView& model, Range x, Range y, std::size_t nx, std::size_t ny);

// The class of row r of a dataset's one-hot or 0/1 target.
std::size_t true_class(const data::Dataset& data, std::size_t r);

// "a binary classifier with 4 inputs": what a model is, for messages.
std::string describe(const ModelView& model);

// The probability a class map cell shows, as a shade in [0, 1]: 0 at chance (1/classes), 1
// at certainty.
double confidence(float probability, std::size_t classes);

}  // namespace neuronlab::picture

#endif  // NEURONLAB_PICTURE_PLANE_HPP
