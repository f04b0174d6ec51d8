import * as tf from '@tensorflow/tfjs';
(async () => {
await tf.setBackend('cpu');
const m = tf.sequential({layers: [tf.layers.conv2d({inputShape:[28,28,1], filters: 4, kernelSize: 3, activation:'relu'}), tf.layers.leakyReLU({alpha:0.01}), tf.layers.maxPooling2d({poolSize:2}), tf.layers.flatten(), tf.layers.dense({units:10, activation:'softmax'}), tf.layers.activation({activation:'relu'}), tf.layers.averagePooling2d({poolSize: 2})].slice(0,5)});
const topo = m.toJSON(null, false) as any;
for (const l of topo.config.layers) console.log(JSON.stringify(l));
console.log(m.weights.map(w=>w.originalName));
const a = tf.sequential({layers:[tf.layers.averagePooling2d({inputShape:[28,28,1], poolSize:2}), tf.layers.activation({activation:'relu'}), tf.layers.flatten(), tf.layers.dense({units:10, kernelInitializer: tf.initializers.randomNormal({mean:0, stddev:0.05})})]});
for (const l of (a.toJSON(null,false) as any).config.layers) console.log(JSON.stringify(l));
const g = tf.sequential({layers:[tf.layers.dense({inputShape:[3], units:2, kernelInitializer: tf.initializers.glorotUniform({})})]});
console.log(JSON.stringify((g.toJSON(null,false) as any)));
})();
