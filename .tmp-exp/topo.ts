import * as tf from '@tensorflow/tfjs';
import { buildModel } from '/work/main/src/ml/model/builder';
import { BUILDER_PRESETS } from '/work/main/src/panels/cnn-builder/presets';
(async () => {
await tf.setBackend('cpu');
const m = buildModel(BUILDER_PRESETS.deep as any, { seed: 1 });
const topo = m.toJSON(null, false) as any;
console.log(JSON.stringify(topo).slice(0, 1500));
console.log(topo.config.layers.map((l: any) => l.class_name));
console.log(JSON.stringify(topo.config.layers.find((l: any) => l.class_name === 'NnlabSeededDropout')));
console.log(JSON.stringify(topo.config.layers.find((l: any) => l.class_name === 'BatchNormalization')));
console.log(m.weights.map(w => [w.originalName, w.name, w.shape, w.trainable].join(' ')));
let saved: any;
await m.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
console.log(saved.weightSpecs.map((w: any) => w.name).join(','), Object.keys(saved));
const d = tf.layers.dropout({rate: 0.5});
const s2 = tf.sequential({layers: [tf.layers.dense({inputShape:[3], units: 2}), d]});
console.log(JSON.stringify((s2.toJSON(null,false) as any).config.layers[1]));
})();
